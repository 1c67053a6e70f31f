#include "core/smcd/smcd.h"

#include <fmt/format.h>

#include "core/quote/quote.h"
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
      R"(Usage: smcd ueid [show | add ID | del ID | flush]

Manage the User EIDs (UEIDs) of SMC-D and SMC-R version 2. Two hosts
connect with SMC v2 only when they share an EID; on x86 there is no system
EID, so add the same UEID on every host (and once per boot) before SMC-D
over loopback-ism or ISM can be used.

  ueid [show]     list the UEIDs set in the kernel
  ueid add ID     add ID: up to 32 letters, digits, '.' and '-', starting
                  with a letter or digit; lower case is turned upper case
  ueid del ID     remove ID
  ueid flush      remove all UEIDs
  -h, --help      print this help and exit
  -v, --version   print the version and exit

Changing UEIDs needs root (CAP_NET_ADMIN). Exit status: 0 on success, 1
for invalid input, 125 when the kernel refuses or has no SMC. Errors go to
stderr.
)";
  return text;
}

Result<std::string> run_smcd(std::span<const std::string> args) {
  if (args.empty()) return usage_error("missing command (try: smcd ueid show)");
  if (args[0] == "-h" || args[0] == "--help") return smcd_usage();
  if (args[0] == "-v" || args[0] == "--version") {
    return fmt::format("smcd (smc_run) {}\n", kVersion);
  }
  if (args[0] == "ueid") return ueid_command(args.subspan(1));
  return usage_error(fmt::format(
      "unknown command {} (this smcd knows: ueid)", quote_value(args[0])));
}

}  // namespace smc
