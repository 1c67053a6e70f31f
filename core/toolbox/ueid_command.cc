#include "core/toolbox/ueid_command.h"

#include <fmt/format.h>

#include "core/common/quote.h"
#include "core/kernel/ueid.h"

namespace smc {

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

}  // namespace smc
