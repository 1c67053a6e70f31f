#include "core/smcd/smcd.h"

#include <fmt/format.h>

#include "core/quote/quote.h"
#include "core/toolbox/command_line.h"
#include "core/toolbox/toolbox.h"
#include "core/ueid/ueid.h"
#include "core/version/version.h"

namespace smc {
namespace {

Result<std::string> ueid_command(std::span<const std::string> args) {
  const std::string verb = args.empty() ? "show" : args[0];
  const std::span<const std::string> rest =
      args.empty() ? args : args.subspan(1);
  const bool takes_id = verb == "add" || verb == "del";
  if (verb != "show" && verb != "flush" && !takes_id) {
    return usage_error(fmt::format(
        "unknown ueid command {} (use show, add, del or flush)",
        quote_value(verb)));
  }
  if (takes_id && rest.size() != 1) {
    return usage_error(fmt::format("ueid {} needs exactly one ID", verb));
  }
  if (!takes_id && !rest.empty()) {
    return usage_error(
        fmt::format("unexpected argument {} after ueid {}", quote_value(rest[0]), verb));
  }

  if (verb == "show") {
    const Result<std::vector<std::string>> ueids = list_ueids();
    if (!ueids) return ueids.error();
    std::string out;
    for (const std::string& u : *ueids) out += u + "\n";
    return out;
  }
  if (verb == "flush") {
    const Result<Ok> r = flush_ueids();
    if (!r) return r.error();
    return std::string();
  }
  const Result<std::string> ueid = make_ueid(rest[0]);
  if (!ueid) return ueid.error();
  if (verb == "del") {
    const Result<Ok> r = remove_ueid(*ueid);
    if (!r) return r.error();
    return std::string();
  }
  const Result<UeidAdded> added = add_ueid(*ueid);
  if (!added) return added.error();
  // Adding what is there already is success, so that setup scripts can run
  // more than once; say so, since nothing changed.
  if (*added == UeidAdded::kAlreadyThere) {
    return fmt::format("UEID '{}' is already set\n", shown_ueid(*ueid));
  }
  return std::string();
}

}  // namespace

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
  const Result<ToolboxCommand> command = parse_toolbox_command(Mechanism::kSmcd, args);
  if (!command) return command.error();
  if (command->help) return smcd_usage();
  if (command->version) return fmt::format("smcd (smc_run) {}\n", kVersion);
  if (command->object == ToolboxObject::kUeid) return ueid_command(command->ueid_args);
  return run_toolbox(Mechanism::kSmcd, *command);
}

}  // namespace smc
