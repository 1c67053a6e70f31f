#include "core/launch/memfd.h"

#include <unistd.h>

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
      if (errno == EMFILE) return SealedMemfd{-1, m.noexec_seal};
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

Result<std::optional<int>> keep_across_exec(int fd) {
  const int placed = place_library_fd(fd, false, nullptr, nullptr);
  const int error = errno;
  close(fd);
  if (placed >= 0) return std::optional<int>(placed);
  if (error == EMFILE) return std::optional<int>();
  return system_error(fmt::format("cannot keep the library's memfd open across exec: {}",
                                  std::strerror(error)));
}

}  // namespace smc
