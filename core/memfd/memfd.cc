#include "core/memfd/memfd.h"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "base/sealed_memfd.h"

namespace smc {

Result<SealedMemfd> make_sealed_memfd(std::span<const unsigned char> bytes,
                                      const char* name) {
  const MemfdResult m = create_sealed_memfd(bytes.data(), bytes.size(), name);
  switch (m.failed) {
    case MemfdStep::kNone:
      return SealedMemfd{m.fd, m.noexec_seal};
    case MemfdStep::kCreate:
      return system_error(fmt::format(
          "cannot create a memfd for the library: {}", std::strerror(errno)));
    case MemfdStep::kWrite:
      return system_error(fmt::format(
          "cannot write the library to its memfd: {}", std::strerror(errno)));
    case MemfdStep::kSeal:
      return system_error(fmt::format("cannot seal the library's memfd: {}",
                                      std::strerror(errno)));
    case MemfdStep::kMap:
      return system_error(fmt::format(
          "cannot map the library's memfd executable (try --write-lib PATH "
          "on an exec-mounted file system and LD_PRELOAD=PATH): {}",
          std::strerror(errno)));
  }
  return system_error("cannot create the library's memfd");
}

Result<int> keep_across_exec(int fd) {
  const int moved = move_to_high_fd(fd);
  if (moved < 0) {
    return system_error(
        fmt::format("cannot keep the library's memfd open across exec: {}",
                    std::strerror(errno)));
  }
  return moved;
}

}  // namespace smc
