#include "core/toolbox/smcr/smcr.h"

#include <fmt/format.h>

#include "core/common/version.h"
#include "core/toolbox/command_line.h"
#include "core/toolbox/toolbox.h"

namespace smc {

const std::string& smcr_usage() {
  static const std::string text =
      R"(Usage: smcr [-adjv] [-dd] [--prometheus] OBJECT [COMMAND]

Show SMC-R (SMC over RDMA: RoCE, or Soft-RoCE) as the kernel sees it, with
smc-tools' smcr commands. A stem of an object or command will do (dev, l, s).

Objects:
  info [show]      SMC version, host name and features, SEID, devices
  device [show] [all] [ibdev DEV] [netdev DEV]
                   the RDMA devices SMC-R can use, one line per port
  linkgroup [show | link-show] [all | LG-ID] [ibdev DEV] [netdev DEV]
                   SMC-R link groups; link-show lists their links
  stats [show | reset | json]
                   connections that ended on SMC-R (by side and version),
                   handshake errors, fallbacks to TCP by reason, data and
                   buffers, since the last reset; reset shows them, then
                   starts again from zero; json is smc-tools' JSON
  ueid [show | add ID | del ID | flush]
                   the User EIDs SMC v2 needs, as smcd ueid
  help             print this help

Options:
  -d, --details    more: client and server, v1 and v2, every fallback
                   reason, a block per link group, link UIDs and devices
  -dd, --ddetails  more still: the links' GIDs
  -a, --absolute   stats since the smc module's load, not the last reset
  -j, --json       JSON, for scripts (info, device, linkgroup, stats)
  --prometheus     stats of SMC-D and SMC-R in Prometheus' text format,
                   since the module's load (node_exporter's textfile
                   collector reads it)
  -h, --help       print this help and exit
  -v, --version    print the version and exit

The kernel counts per network namespace and cannot reset its counters:
stats reset keeps a snapshot in /tmp/.smc_run-stats.smcr.uUID instead, as
smc-tools does. Exit status: 0 on success, 1 for invalid input, 125 when
the kernel refuses or has no SMC (the message says which). Errors go to
stderr.
)";
  return text;
}

Result<std::string> run_smcr(std::span<const std::string> args) {
  const Result<ToolboxCommand> command = parse_toolbox_command(SmcTech::kSmcr, args);
  if (!command) return command.error();
  if (command->help) return smcr_usage();
  if (command->version) return fmt::format("smcr (smc_run) {}\n", kVersion);
  return run_toolbox(SmcTech::kSmcr, *command);
}

}  // namespace smc
