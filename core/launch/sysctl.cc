#include "core/launch/sysctl.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include <fmt/format.h>

namespace smc {
namespace {

Result<long> read_value(const std::string& path, std::string_view name) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return system_error(fmt::format("cannot read {} ({}: {})", name, path,
                                    std::strerror(errno)));
  }
  char buf[64];
  const ssize_t n = read(fd, buf, sizeof buf - 1);
  const int read_errno = errno;
  close(fd);
  if (n < 0) {
    return system_error(fmt::format("cannot read {} ({}: {})", name, path,
                                    std::strerror(read_errno)));
  }
  long value = 0;
  const auto [end, error] = std::from_chars(buf, buf + n, value);
  if (error != std::errc() || end == buf) {
    return system_error(
        fmt::format("cannot read {}: '{}' is not a number", name,
                    std::string_view(buf, static_cast<std::size_t>(n))));
  }
  return value;
}

}  // namespace

std::string sysctl_path(std::string_view name) {
  std::string path(name);
  for (char& c : path) {
    if (c == '.') c = '/';
  }
  return path;
}

Result<long> read_sysctl(const std::string& proc_sys, std::string_view name) {
  return read_value(proc_sys + "/" + sysctl_path(name), name);
}

Result<SysctlRaise> raise_sysctl(const std::string& proc_sys,
                                 std::string_view name, long wanted) {
  const std::string path = proc_sys + "/" + sysctl_path(name);
  const Result<long> before = read_value(path, name);
  if (!before) return before.error();
  SysctlRaise raise{std::string(name), *before, *before};
  if (*before >= wanted) return raise;

  const std::string text = fmt::format("{}\n", wanted);
  const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  const bool written =
      fd >= 0 && write(fd, text.data(), text.size()) ==
                     static_cast<ssize_t>(text.size());
  const int write_errno = errno;
  if (fd >= 0) close(fd);
  if (!written) {
    return system_error(fmt::format("cannot raise {} from {} to {}: {}", name,
                                    *before, wanted,
                                    std::strerror(write_errno)));
  }
  raise.after = wanted;
  return raise;
}

}  // namespace smc
