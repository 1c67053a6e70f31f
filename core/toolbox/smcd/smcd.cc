#include "core/toolbox/smcd/smcd.h"

#include <fmt/format.h>

#include "core/common/version.h"
#include "core/toolbox/command_line.h"
#include "core/toolbox/toolbox.h"

namespace smc {
const std::string& smcd_usage() {
  static const std::string text =
      R"(Usage: smcd [-adjv] [-dd] [--prometheus] OBJECT [COMMAND]

Show SMC-D (SMC over shared memory: ISM, or loopback-ism within a host) as
the kernel sees it, and manage its EIDs, with smc-tools' smcd commands. A
stem of an object or command will do (dev, l, s).

Objects:
  info [show]      SMC version, host name and features, SEID, devices
  device [show] [all]
                   the ISM devices the kernel lists (it leaves loopback-ism
                   out, and this says when that is in use)
  linkgroup [show] [all | LG-ID]
                   SMC-D link groups, loopback-ism's included
  stats [show | reset | json]
                   connections that ended on SMC-D (by side and version),
                   handshake errors, fallbacks to TCP by reason, data and
                   buffers, since the last reset; reset shows them, then
                   starts again from zero; json is smc-tools' JSON
  ueid [show | add ID | del ID | flush]
                   the User EIDs (UEIDs) of SMC v2: two hosts connect with
                   SMC v2 only when they share an EID; on x86 there is no
                   system EID, so add the same UEID on every host (and once
                   per boot) before SMC-D over loopback-ism or ISM works:
                   ID is up to 32 letters, digits, '.' and '-', starting
                   with a letter or digit; lower case is turned upper case
  seid [show | enable | disable]
                   the system EID (s390 only: elsewhere it is blank and
                   cannot be enabled)
  help             print this help

Options:
  -d, --details    more: client and server, v1 and v2, every fallback
                   reason, a block per link group
  -dd, --ddetails  the same as -d for smcd
  -a, --absolute   stats since the smc module's load, not the last reset
  -j, --json       JSON, for scripts (info, device, linkgroup, stats)
  --prometheus     stats of SMC-D and SMC-R in Prometheus' text format,
                   since the module's load (node_exporter's textfile
                   collector reads it)
  -h, --help       print this help and exit
  -v, --version    print the version and exit

The kernel counts per network namespace and cannot reset its counters:
stats reset keeps a snapshot in /tmp/.smc_run-stats.smcd.uUID instead, as
smc-tools does. Changing EIDs needs root (CAP_NET_ADMIN). Exit status: 0 on
success, 1 for invalid input, 125 when the kernel refuses or has no SMC
(the message says which). Errors go to stderr.
)";
  return text;
}

Result<std::string> run_smcd(std::span<const std::string> args) {
  const Result<ToolboxCommand> command = parse_toolbox_command(SmcTech::kSmcd, args);
  if (!command) return command.error();
  if (command->help) return smcd_usage();
  if (command->version) return fmt::format("smcd (smc_run) {}\n", kVersion);
  return run_toolbox(SmcTech::kSmcd, *command);
}

}  // namespace smc
