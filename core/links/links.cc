#include "core/links/links.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "core/quote/quote.h"

namespace smc {
namespace {

namespace fs = std::filesystem;

// Whether `link` already resolves to the same file as `exe`.
bool leads_to(const fs::path& link, const fs::path& exe) {
  struct stat a {};
  struct stat b {};
  return stat(link.c_str(), &a) == 0 && stat(exe.c_str(), &b) == 0 &&
         a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

Result<std::string> install_links(const std::string& exe,
                                  const std::string& dir,
                                  std::span<const std::string_view> names) {
  std::error_code ec;
  const fs::path folder = fs::weakly_canonical(dir.empty() ? "." : dir, ec);
  if (ec || !fs::is_directory(folder, ec)) {
    return usage_error(fmt::format("--install-links: {} is not a folder",
                                   quote_value(dir)));
  }
  const fs::path target_file = fs::weakly_canonical(exe, ec);
  if (ec) {
    return system_error(fmt::format("cannot resolve this file's path {}",
                                    quote_value(exe)));
  }
  const bool same_folder = target_file.parent_path() == folder;
  const fs::path target =
      same_folder ? target_file.filename() : target_file;

  std::string out;
  for (const std::string_view name : names) {
    const fs::path link = folder / name;
    if (leads_to(link, target_file)) {
      out += fmt::format("{} already leads to {}\n", link.string(),
                         target_file.string());
      continue;
    }
    if (symlink(target.c_str(), link.c_str()) != 0) {
      const int error = errno;
      if (error == EEXIST) {
        return system_error(fmt::format(
            "{} exists and is not a link to {}; remove it first",
            quote_value(link.string()), target_file.string()));
      }
      return system_error(fmt::format("cannot make the link {}: {}",
                                      quote_value(link.string()),
                                      std::strerror(error)));
    }
    out += fmt::format("{} -> {}\n", link.string(), target.string());
  }
  return out;
}

}  // namespace smc
