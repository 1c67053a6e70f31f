#include "core/launch/links.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

#include "core/common/quote.h"
#include "core/launch/paths.h"

namespace smc {
namespace {

// realpath(3) into a std::string; empty with errno set on failure. Not
// std::filesystem: its calls throw (and abort smc_run) where this returns.
std::string real_path(const std::string& path) {
  char* resolved = realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return std::string();
  std::string out = resolved;
  free(resolved);
  return out;
}

// The folder to make links in, absolute and without symlinks.
Result<std::string> link_folder(const std::string& dir) {
  const Result<std::string> absolute = absolute_path(dir.empty() ? "." : dir);
  if (!absolute) {
    return usage_error(fmt::format("--install-links: {}", absolute.error().message));
  }
  const std::string folder = real_path(*absolute);
  struct stat st {};
  if (folder.empty() || stat(folder.c_str(), &st) != 0) {
    // ENOENT, EACCES (a parent it may not search), ENOTDIR...: the reason.
    return usage_error(fmt::format("--install-links: cannot use the folder {}: {}",
                                   quote_value(dir), std::strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode)) {
    return usage_error(fmt::format("--install-links: {} is not a folder",
                                   quote_value(dir)));
  }
  return folder;
}

// Whether `link` already resolves to the same file as `exe`.
bool leads_to(const std::string& link, const std::string& exe) {
  struct stat a {};
  struct stat b {};
  return stat(link.c_str(), &a) == 0 && stat(exe.c_str(), &b) == 0 &&
         a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// What one link came to: the line for the user, and whether it is new.
struct LinkLine {
  std::string text;
  bool made;
};

// One link, or the error that stops the others.
Result<LinkLine> make_link(const std::string& link, const std::string& target,
                           const std::string& target_file) {
  if (leads_to(link, target_file)) {
    return LinkLine{fmt::format("{} already leads to {}\n", link, target_file), false};
  }
  if (symlink(target.c_str(), link.c_str()) != 0) {
    const int error = errno;
    if (error == EEXIST) {
      return system_error(fmt::format("{} exists and is not a link to {}; remove it first",
                                      quote_value(link), target_file));
    }
    return system_error(fmt::format("cannot make the link {}: {}", quote_value(link),
                                    std::strerror(error)));
  }
  return LinkLine{fmt::format("{} -> {}\n", link, target), true};
}

}  // namespace

Result<std::string> install_links(const std::string& exe,
                                  const std::string& dir,
                                  std::span<const std::string_view> names) {
  const Result<std::string> folder = link_folder(dir);
  if (!folder) return folder.error();
  const std::string target_file = real_path(exe);
  if (target_file.empty()) {
    return system_error(fmt::format("cannot resolve this file's path {}",
                                    quote_value(exe)));
  }
  const std::size_t slash = target_file.rfind('/');
  const bool same_folder = target_file.substr(0, slash == 0 ? 1 : slash) == *folder;
  const std::string target =
      same_folder ? target_file.substr(slash + 1) : target_file;

  std::string out;
  std::string made;  // the links this run made, for an error half-way
  for (const std::string_view name : names) {
    const std::string link =
        *folder + (folder->ends_with('/') ? "" : "/") + std::string(name);
    const Result<LinkLine> line = make_link(link, target, target_file);
    if (!line) {
      if (made.empty()) return line.error();
      return Error{line.error().kind,
                   fmt::format("{}; made before it: {}", line.error().message, made)};
    }
    if (line->made) made += fmt::format("{}{}", made.empty() ? "" : ", ", printable(link));
    out += line->text;
  }
  return out;
}

}  // namespace smc
