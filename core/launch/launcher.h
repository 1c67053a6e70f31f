// The smc_run role: set up the environment, put the preload library in a
// sealed memfd, and exec PROGRAM with LD_PRELOAD pointing at it.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "core/common/result.h"

namespace smc {

// Where the launcher's own lines go; cmd/ decides how they look.
struct Console {
  std::function<void(std::string_view)> diagnostic;  // under -d
  std::function<void(std::string_view)> warning;     // always
};

// `args` excludes argv[0]. Returns what to print on stdout when there is no
// PROGRAM to run (-h, -v, --write-lib), or an error. When PROGRAM starts,
// this does not return: PROGRAM replaces the process.
Result<std::string> run_smc_run(std::span<const std::string> args,
                                const Console& console);

}  // namespace smc
