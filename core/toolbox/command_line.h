// The command line that smc-tools' smcr and smcd share, for the roles of
// the same names:
//   smcr|smcd [OPTIONS] OBJECT [COMMAND [ARGS]] [OPTIONS]
// OBJECT is info, device, linkgroup, stats, ueid (and seid for smcd), or
// a stem of one (dev, l, s: the first in that order that fits, as in
// smc-tools); OPTIONS are smc-tools' -d, -dd, -a, -v, -h, and this
// project's -j and --prometheus.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace smc {

// SMC-D or SMC-R: which of smc-tools' two commands runs, and which of the
// kernel's two sets of objects and counters it shows (SMC_NLA_STATS_SMCD_TECH
// and _SMCR_TECH in include/uapi/linux/smc.h).
enum class SmcTech { kSmcd, kSmcr };

enum class ToolboxObject { kInfo, kDevice, kLinkGroup, kStats, kUeid, kSeid };

enum class ToolboxOutput { kText, kJson, kPrometheus };

struct ToolboxCommand {
  ToolboxObject object = ToolboxObject::kInfo;
  // The command word, spelled out: "show", "link-show" (linkgroup),
  // "reset", "json" (stats), "enable", "disable" (seid). ueid's words are
  // left to the ueid command, in `ueid_args`.
  std::string verb = "show";
  std::vector<std::string> ueid_args;
  int details = 0;        // -d 1, -dd 2
  bool absolute = false;  // -a: stats since the module's load, not the last reset
  ToolboxOutput output = ToolboxOutput::kText;
  bool help = false;
  bool version = false;
  // Filters of device and linkgroup (smc-tools' ibdev, netdev, LG-ID).
  std::optional<std::string> ib_device;
  std::optional<std::string> net_device;
  std::optional<std::uint32_t> link_group;
};

// `args` excludes argv[0]. Usage errors name the bad word.
Result<ToolboxCommand> parse_toolbox_command(SmcTech tech,
                                             std::span<const std::string> args);

}  // namespace smc
