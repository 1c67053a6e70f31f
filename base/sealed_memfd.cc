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

int move_to_high_fd(int fd) {
  rlimit limit{};
  rlim_t ceiling = 1024;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < ceiling) {
    ceiling = limit.rlim_cur;
  }
  for (int target = static_cast<int>(ceiling) - 1; target > fd; --target) {
    if (fcntl(target, F_GETFD) >= 0 || errno != EBADF) continue;
    if (dup3(fd, target, 0) < 0) break;  // a racing open; keep `fd`
    close(fd);
    return target;
  }
  // No higher descriptor is free: keep the one we have.
  return fcntl(fd, F_SETFD, 0) == 0 ? fd : -1;
}

}  // namespace smc
