#include "core/files/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

namespace smc {

Result<Ok> replace_file(const std::string& path,
                        std::span<const unsigned char> bytes, unsigned mode) {
  std::string temp = path + ".XXXXXX";
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    return system_error(
        fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  }
  bool ok = fchmod(fd, static_cast<mode_t>(mode)) == 0;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && fsync(fd) == 0;
  const int write_errno = errno;
  ok = close(fd) == 0 && ok;
  if (ok && rename(temp.c_str(), path.c_str()) == 0) return Ok{};
  const int error = ok ? errno : write_errno;
  unlink(temp.c_str());
  return system_error(
      fmt::format("cannot write {}: {}", path, std::strerror(error)));
}

}  // namespace smc
