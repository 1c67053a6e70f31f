// The smcss role: lists SMC sockets as the kernel sees them, like
// smc-tools' smcss, so users (and our tests) can tell an SMC-D connection
// from a silent TCP fallback, with the reason.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/kernel/link_groups.h"
#include "core/kernel/smc_diag.h"
#include "core/toolbox/smcss/command_line.h"

namespace smc {

// The sockets `options` asks for: listening ones only with -a or -l, and
// only SMC-D or SMC-R ones with -D or -R.
std::vector<SmcSocket> select_sockets(const std::vector<SmcSocket>& sockets,
                                      const SmcssOptions& options);

// Names each SMC-R socket's link group (SmcLinkInfo::link_group): the one
// group of its role holding a link with the socket's device, port, link id
// and GIDs. Left unnamed when none or more than one match.
void assign_link_groups(std::vector<SmcSocket>& sockets,
                        const std::vector<SmcrLinkGroup>& groups);

// One header line and one line per socket, in columns; with `debug` the
// buffers, with `links` (-R) the SMC-R link group and link.
std::string format_table(const std::vector<SmcSocket>& sockets, bool debug, bool links);

// A JSON array of objects, one per socket, every field included.
std::string format_json(const std::vector<SmcSocket>& sockets);

// `args` excludes argv[0]; returns what to print.
Result<std::string> run_smcss(std::span<const std::string> args);

}  // namespace smc
