#include "base/sealed_memfd.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

// include/uapi/linux/memfd.h (6.3); Debian 12's glibc headers predate it.
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif

namespace smc {
namespace {

bool write_all(int fd, const char* bytes, std::size_t size) {
  while (size > 0) {
    const ssize_t n = write(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

MemfdResult fail(int fd, bool noexec_seal, MemfdStep step) {
  const int error = errno;
  if (fd >= 0) close(fd);
  errno = error;
  return {-1, noexec_seal, step};
}

constexpr int kLowCeiling = 1024;
constexpr int kFirstTarget = 3;  // never stdin, stdout or stderr
constexpr int kMaxTarget = 1 << 20;  // fs.nr_open's default
constexpr int kMaxTries = 4096;  // numbers `avoid` may skip in a row

bool is_free(int n) { return fcntl(n, F_GETFD) < 0 && errno == EBADF; }

// Whether more than kRoomKept numbers below `limit` are free, counted from
// the top (where the free ones are) until that many are found.
bool room_below(int limit) {
  int count = 0;
  for (int n = limit - 1; n >= 0 && count <= kRoomKept; --n) count += is_free(n) ? 1 : 0;
  return count > kRoomKept;
}

struct Placement {
  int fd;
  bool cloexec;
  FdAvoid avoid;
  const void* context;

  bool avoided(int n) const { return avoid != nullptr && avoid(n, context); }

  // The lowest free number from `from` up, below `limit`, that is not
  // avoided. F_DUPFD takes the lowest free one itself, so a number another
  // thread opens meanwhile is never clobbered (dup3 would close it).
  int dup_from(int from, int limit) const {
    for (int tries = 0; from < limit && tries < kMaxTries; ++tries) {
      const int got = fcntl(fd, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, from);
      if (got < 0) return -1;
      if (!avoided(got)) return got;
      close(got);
      from = got + 1;
    }
    return -1;
  }

  // Step 3: the first number at or above the soft limit not avoided, with
  // the soft limit raised just past it for the one fcntl().
  int beyond(const rlimit& limit) const {
    int target = static_cast<int>(limit.rlim_cur);
    for (int tries = 0; tries < kMaxTries && (!is_free(target) || avoided(target)); ++tries) {
      ++target;
    }
    if (limit.rlim_max != RLIM_INFINITY && static_cast<rlim_t>(target) >= limit.rlim_max) {
      return -1;
    }
    rlimit raised = limit;
    raised.rlim_cur = static_cast<rlim_t>(target) + 1;
    if (setrlimit(RLIMIT_NOFILE, &raised) != 0) return -1;
    const int got = fcntl(fd, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, target);
    const int error = errno;
    setrlimit(RLIMIT_NOFILE, &limit);
    if (got >= 0 && got != target) {  // another thread took it meanwhile
      close(got);
      return -1;
    }
    errno = error;
    return got;
  }
};

}  // namespace

MemfdResult create_sealed_memfd(const void* bytes, std::size_t size,
                                const char* name) {
  const unsigned sealable = MFD_CLOEXEC | MFD_ALLOW_SEALING;
  bool noexec_seal = true;
  int fd = memfd_create(name, sealable | MFD_NOEXEC_SEAL);
  if (fd < 0 && errno == EINVAL) {
    noexec_seal = false;
    fd = memfd_create(name, sealable);
  }
  if (fd < 0) return fail(-1, noexec_seal, MemfdStep::kCreate);
  if (!write_all(fd, static_cast<const char*>(bytes), size)) {
    return fail(fd, noexec_seal, MemfdStep::kWrite);
  }
  constexpr int kSeals =
      F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL;
  if (fcntl(fd, F_ADD_SEALS, kSeals) != 0) {
    return fail(fd, noexec_seal, MemfdStep::kSeal);
  }
  // ld.so maps the library's code PROT_EXEC; find out now, not in the
  // child, if this system forbids that for memfds (an LSM rule, say).
  void* map = mmap(nullptr, size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
  if (map == MAP_FAILED) return fail(fd, noexec_seal, MemfdStep::kMap);
  munmap(map, size);
  return {fd, noexec_seal, MemfdStep::kNone};
}

int place_library_fd(int fd, bool cloexec, FdAvoid avoid, const void* context) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
  const Placement p{fd, cloexec, avoid, context};
  const int soft = limit.rlim_cur > kMaxTarget ? kMaxTarget : static_cast<int>(limit.rlim_cur);
  const int low_ceiling = soft < kLowCeiling ? soft : kLowCeiling;
  // With a soft limit of 1024 or more, taking one number leaves plenty.
  if (soft >= kLowCeiling || room_below(soft)) {
    for (int target = low_ceiling - 1; target >= kFirstTarget; --target) {
      if (!is_free(target) || p.avoided(target)) continue;
      const int placed = p.dup_from(target, soft);
      if (placed >= 0) return placed;
    }
  }
  if (soft > kLowCeiling) {
    const int placed = p.dup_from(kLowCeiling, soft);
    if (placed >= 0) return placed;
  }
  if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max > limit.rlim_cur) {
    const int placed = p.beyond(limit);
    if (placed >= 0) return placed;
  }
  errno = EMFILE;
  return -1;
}

}  // namespace smc
