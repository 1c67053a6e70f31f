#include "core/memfd/memfd.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

// include/uapi/linux/memfd.h (6.3); Debian 12's glibc headers predate it.
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif

namespace smc {
namespace {

Error errno_error(const char* what) {
  return system_error(fmt::format("{}: {}", what, std::strerror(errno)));
}

bool write_all(int fd, std::span<const unsigned char> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

Result<SealedMemfd> make_sealed_memfd(std::span<const unsigned char> bytes,
                                      const char* name) {
  const unsigned sealable = MFD_CLOEXEC | MFD_ALLOW_SEALING;
  bool noexec_seal = true;
  int fd = memfd_create(name, sealable | MFD_NOEXEC_SEAL);
  if (fd < 0 && errno == EINVAL) {
    noexec_seal = false;
    fd = memfd_create(name, sealable);
  }
  if (fd < 0) return errno_error("cannot create a memfd for the library");

  constexpr int kSeals = F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL;
  if (!write_all(fd, bytes)) {
    Error e = errno_error("cannot write the library to its memfd");
    close(fd);
    return e;
  }
  if (fcntl(fd, F_ADD_SEALS, kSeals) != 0) {
    Error e = errno_error("cannot seal the library's memfd");
    close(fd);
    return e;
  }
  // ld.so maps the library's code PROT_EXEC; find out now, not in PROGRAM,
  // if this system forbids that for memfds (an LSM policy, for example).
  void* map = mmap(nullptr, bytes.size(), PROT_READ | PROT_EXEC, MAP_PRIVATE,
                   fd, 0);
  if (map == MAP_FAILED) {
    Error e = errno_error(
        "cannot map the library's memfd executable (try --write-lib PATH "
        "on an exec-mounted file system and LD_PRELOAD=PATH)");
    close(fd);
    return e;
  }
  munmap(map, bytes.size());
  return SealedMemfd{fd, noexec_seal};
}

Result<int> keep_across_exec(int fd) {
  rlimit limit{};
  rlim_t ceiling = 1024;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    ceiling = std::min<rlim_t>(ceiling, limit.rlim_cur);
  }
  for (int target = static_cast<int>(ceiling) - 1; target > fd; --target) {
    if (fcntl(target, F_GETFD) >= 0 || errno != EBADF) continue;
    if (dup3(fd, target, 0) < 0) break;  // a racing open; keep `fd`
    close(fd);
    return target;
  }
  // No higher descriptor is free: keep the one we have.
  if (fcntl(fd, F_SETFD, 0) != 0) {
    return errno_error("cannot keep the library's memfd open across exec");
  }
  return fd;
}

}  // namespace smc
