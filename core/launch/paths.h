// Paths the user gives, made absolute with getcwd(3) rather than
// std::filesystem, whose current_path() throws (and so aborts smc_run)
// when the current folder has been removed.
#pragma once

#include <string>
#include <string_view>

#include "core/common/result.h"

namespace smc {

// `path` itself when absolute, else the current folder joined with it.
// Fails, naming `path`, when the current folder cannot be known: it was
// removed (ENOENT), or a parent is not searchable (EACCES).
Result<std::string> absolute_path(std::string_view path);

}  // namespace smc
