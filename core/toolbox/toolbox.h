// The objects smc-tools' smcr and smcd share, run against the kernel: info,
// device, linkgroup, stats (with the snapshot that "stats reset" keeps),
// and smcd's seid. The roles (core/smcr, core/smcd) parse their command
// line with core/toolbox/command_line.h, handle ueid, and call this.
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/toolbox/command_line.h"

namespace smc {

// What to print for `command` (any object but ueid).
Result<std::string> run_toolbox(SmcTech tech, const ToolboxCommand& command);

// Where "stats reset" keeps its snapshot: /tmp/.smc_run-stats.ROLE.uUID,
// one per user and role, as smc-tools keeps /tmp/.smcstats.uUID.
std::string stats_snapshot_path(SmcTech tech);

}  // namespace smc
