// smcr/smcd stats show the kernel's counters since the last "stats reset",
// as smc-tools does: Linux 6.12 cannot reset them (net/smc/smc_stats.c has
// no such command), so a reset keeps a snapshot of them in a file, and
// later readings subtract it. Pure functions here; the file is the role's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/kernel/smc_stats.h"

namespace smc {

// The counters `now` holds beyond `base`, the gauges (buffer use) as they
// are now. A fallback reason's count wraps at 16 bits in the kernel, and
// so is subtracted modulo 65536. nullopt when any other counter is below
// its snapshot: the smc module was loaded again since, and the snapshot
// says nothing about these counters.
std::optional<SmcStats> stats_since(const SmcStats& now, const SmcStats& base);

// The snapshot file's text: a first line naming the format, then "NAME
// VALUE" per counter, fallback reasons as "server_reason.0x03010000 7".
std::string snapshot_text(const SmcStats& stats);

// The counters of a snapshot file's text; nullopt when it is not one
// (another format, a bad line, a counter missing).
std::optional<SmcStats> parse_snapshot(std::string_view text);

}  // namespace smc
