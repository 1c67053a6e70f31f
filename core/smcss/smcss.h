// The smcss role: lists SMC sockets as the kernel sees them, like
// smc-tools' smcss, so users (and our tests) can tell an SMC-D connection
// from a silent TCP fallback, with the reason.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/smcss/command_line.h"
#include "core/result/result.h"
#include "core/smc_diag/smc_diag.h"

namespace smc {

// The sockets `options` asks for: listening ones only with -a or -l, and
// only SMC-D or SMC-R ones with -D or -R.
std::vector<SmcSocket> select_sockets(const std::vector<SmcSocket>& sockets,
                                      const SmcssOptions& options);

// One header line and one line per socket, in columns.
std::string format_table(const std::vector<SmcSocket>& sockets, bool debug);

// A JSON array of objects, one per socket, every field included.
std::string format_json(const std::vector<SmcSocket>& sockets);

// `args` excludes argv[0]; returns what to print.
Result<std::string> run_smcss(std::span<const std::string> args);

}  // namespace smc
