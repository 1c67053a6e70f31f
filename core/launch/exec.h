// Finding and starting PROGRAM the way a shell does, so that "smc_run X"
// finds and runs the same file as plain "X", with the shell's exit codes:
// 127 when nothing is found, 126 when what is found cannot be executed,
// and, as in bash, when a name with a '/' cannot be resolved (ELOOP,
// ENAMETOOLONG); a name looked up in PATH that way is "not found" (127).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace smc {

// Without a '/', `program` is looked up in `path_env` (PATH; nullptr when
// unset, then `default_path`). Empty PATH elements mean the current folder
// (POSIX, XBD 8.3). The first regular executable file wins; a match that is
// not executable only counts when nothing later is.
Result<std::string> find_program(std::string_view program,
                                 const char* path_env,
                                 std::string_view default_path);

// The PATH used when PATH is unset: confstr(_CS_PATH), as execvp() does.
std::string default_search_path();

// Replaces this process with `path`, passing `argv` (argv[0] included) and
// the current environment. A file the kernel cannot load (ENOEXEC: a script
// without "#!") is run by /bin/sh, as shells and execvp() do, unless it is
// an ELF file (of another machine, or truncated): that cannot execute
// (126), as in bash. Returns only on failure.
Error exec_program(const std::string& path,
                   const std::vector<std::string>& argv);

}  // namespace smc
