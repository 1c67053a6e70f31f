#include "core/launch/paths.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "core/common/quote.h"

namespace smc {

Result<std::string> absolute_path(std::string_view path) {
  if (path.starts_with('/')) return std::string(path);
  // glibc allocates a buffer as large as the path needs.
  char* cwd = getcwd(nullptr, 0);
  if (cwd == nullptr) {
    const int error = errno;
    return system_error(fmt::format(
        "cannot make {} absolute: {}", quote_value(path),
        error == ENOENT ? std::string("the current folder was removed")
                        : fmt::format("cannot read the current folder: {}",
                                      std::strerror(error))));
  }
  std::string absolute = cwd;
  std::free(cwd);
  if (!absolute.ends_with('/')) absolute += '/';
  absolute += path;
  return absolute;
}

}  // namespace smc
