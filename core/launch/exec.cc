#include "core/launch/exec.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/common/quote.h"

extern char** environ;

namespace smc {
namespace {

enum class Found { kNone, kNotExecutable, kExecutable, kDirectory };

Found probe(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return Found::kNone;
  if (S_ISDIR(st.st_mode)) return Found::kDirectory;
  // AT_EACCESS: judge by the effective ids, as execve will.
  if (S_ISREG(st.st_mode) &&
      faccessat(AT_FDCWD, path.c_str(), X_OK, AT_EACCESS) == 0) {
    return Found::kExecutable;
  }
  return Found::kNotExecutable;
}

std::vector<const char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<const char*> result;
  for (const std::string& s : strings) result.push_back(s.c_str());
  result.push_back(nullptr);
  return result;
}

// Whether the file starts with the ELF magic: a program the kernel
// refused (another machine, truncated), never a script for /bin/sh.
bool starts_as_elf(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return false;
  char magic[4] = {};
  const bool elf = pread(fd, magic, sizeof magic, 0) == sizeof magic &&
                   std::memcmp(magic, "\x7f" "ELF", sizeof magic) == 0;
  close(fd);
  return elf;
}

}  // namespace

std::string default_search_path() {
  char buf[256];
  const std::size_t n = confstr(_CS_PATH, buf, sizeof buf);
  return n > 0 && n <= sizeof buf ? std::string(buf) : "/bin:/usr/bin";
}

Result<std::string> find_program(std::string_view program,
                                 const char* path_env,
                                 std::string_view default_path) {
  const std::string name(program);
  const std::string shown = printable(name);
  if (name.empty()) {
    return Error{ErrorKind::kNotFound, "'': command not found"};
  }
  if (name.find('/') != std::string::npos) {
    switch (probe(name)) {
      case Found::kExecutable:
        return name;
      case Found::kDirectory:
        return Error{ErrorKind::kNotExecutable, shown + ": Is a directory"};
      case Found::kNotExecutable:
        return Error{ErrorKind::kNotExecutable, shown + ": Permission denied"};
      case Found::kNone: {
        // A name that exists but cannot be resolved (a symbolic-link loop,
        // a name or component too long) cannot execute: bash says 126
        // (execute_cmd.c, shell_execve); only what is not there is 127.
        const int error = errno;
        const bool unresolvable = error == ELOOP || error == ENAMETOOLONG;
        return Error{unresolvable ? ErrorKind::kNotExecutable : ErrorKind::kNotFound,
                     fmt::format("{}: {}", shown, std::strerror(error))};
      }
    }
  }

  const std::string_view path =
      path_env != nullptr ? std::string_view(path_env) : default_path;
  std::string not_executable;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = path.find(':', start);
    const std::string_view dir = path.substr(
        start, colon == std::string_view::npos ? colon : colon - start);
    const std::string candidate =
        (dir.empty() ? std::string(".") : std::string(dir)) + "/" + name;
    const Found found = probe(candidate);
    if (found == Found::kExecutable) return candidate;
    if (found == Found::kNotExecutable && not_executable.empty()) {
      not_executable = candidate;
    }
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (!not_executable.empty()) {
    return Error{ErrorKind::kNotExecutable,
                 printable(not_executable) + ": Permission denied"};
  }
  return Error{ErrorKind::kNotFound, shown + ": command not found"};
}

Error exec_program(const std::string& path,
                   const std::vector<std::string>& argv) {
  std::vector<const char*> args = c_strings(argv);
  execve(path.c_str(), const_cast<char* const*>(args.data()), environ);
  if (errno == ENOEXEC && starts_as_elf(path)) {
    // bash's words and status for the same file.
    return Error{ErrorKind::kNotExecutable,
                 printable(path) + ": cannot execute binary file: Exec format error"};
  }
  if (errno == ENOEXEC) {
    std::vector<std::string> sh_argv = {"/bin/sh", path};
    sh_argv.insert(sh_argv.end(), argv.begin() + 1, argv.end());
    std::vector<const char*> sh_args = c_strings(sh_argv);
    execve("/bin/sh", const_cast<char* const*>(sh_args.data()), environ);
    return Error{ErrorKind::kNotExecutable,
                 fmt::format("{}: cannot execute: not a program, and /bin/sh "
                             "failed: {}",
                             printable(path), std::strerror(errno))};
  }
  // The file was found, so any failure now is "cannot execute" (126), even
  // ENOENT, which here means its interpreter ("#!" line or ELF loader) is
  // missing.
  if (errno == ENOENT) {
    return Error{ErrorKind::kNotExecutable,
                 printable(path) + ": cannot execute: its interpreter (#! line or ELF "
                        "loader) was not found"};
  }
  return Error{ErrorKind::kNotExecutable,
               fmt::format("{}: cannot execute: {}", printable(path),
                           std::strerror(errno))};
}

}  // namespace smc
