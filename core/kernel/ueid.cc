#include "core/kernel/ueid.h"

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "base/smc_abi.h"
#include "core/common/quote.h"
#include "core/kernel/netlink.h"

namespace smc {
namespace {

// Turns a kernel errno into advice; `ueid` names the entry, when there is
// one.
Error explain(int error, const std::string& action, const std::string& ueid,
              const Error& original) {
  const std::string shown = shown_ueid(ueid);
  switch (error) {
    case ENOENT:
      if (!ueid.empty() && action == "remove") {
        return system_error(fmt::format("UEID {} is not set", quote_value(shown)));
      }
      return system_error(fmt::format(
          "cannot {} UEIDs: the kernel has no SMC generic netlink (load the "
          "smc module: modprobe smc)",
          action));
    case EPERM:
    case EACCES:
      return system_error(fmt::format(
          "cannot {} UEIDs: permission denied (needs root, CAP_NET_ADMIN)",
          action));
    case ERANGE:
      return system_error(fmt::format(
          "cannot add UEID {}: the kernel holds at most {} UEIDs", quote_value(shown),
          kSmcMaxUeid));
    case EINVAL:
      return system_error(
          fmt::format("the kernel refused UEID {} as invalid", quote_value(shown)));
  }
  return original;
}

Result<Ok> send(std::uint8_t command, std::uint16_t flags,
                const std::string& ueid, const std::string& action,
                std::vector<std::string>* dumped = nullptr) {
  int error = 0;
  const Result<std::uint16_t> family = genl_family_id(kSmcGenlFamilyName, &error);
  if (!family) return explain(error, action, "", family.error());
  NetlinkRequest request = genl_request(*family, command, kSmcGenlFamilyVersion, flags);
  if (!ueid.empty()) {
    // The kernel wants exactly 32 characters and a NUL (smc_nl_add_ueid).
    request.attribute(kSmcNlaEidTableEntry, ueid.c_str(), kEidLength + 1);
  }
  const Result<Ok> r = netlink_exchange(
      NETLINK_GENERIC, request, fmt::format("cannot {} UEIDs", action),
      [&](const NetlinkMessage& m) {
        if (dumped == nullptr) return;
        const auto attributes = split_attributes(m.payload, GENL_HDRLEN);
        if (!attributes) return;
        for (const NetlinkAttribute& a : *attributes) {
          if (a.type != kSmcNlaEidTableEntry) continue;
          std::string entry(reinterpret_cast<const char*>(a.data.data()),
                            strnlen(reinterpret_cast<const char*>(a.data.data()),
                                    a.data.size()));
          dumped->push_back(shown_ueid(entry));
        }
      },
      &error);
  if (!r) return explain(error, action, ueid, r.error());
  return Ok{};
}

}  // namespace

std::string shown_ueid(const std::string& ueid) {
  return ueid.substr(0, ueid.find_last_not_of(' ') + 1);
}

Result<std::string> make_ueid(std::string_view text) {
  if (text.empty()) return usage_error("empty UEID");
  if (text.size() > kEidLength) {
    return usage_error(fmt::format("UEID {} is longer than {} characters",
                                   quote_value(text), kEidLength));
  }
  std::string ueid;
  for (const char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '.' || c == '-') || u >= 0x80) {
      return usage_error(fmt::format(
          "UEID {} may only hold letters, digits, '.' and '-'", quote_value(text)));
    }
    ueid.push_back(static_cast<char>(std::toupper(u)));
  }
  if (!std::isalnum(static_cast<unsigned char>(ueid[0]))) {
    return usage_error(
        fmt::format("UEID {} must start with a letter or a digit", quote_value(text)));
  }
  ueid.resize(kEidLength, ' ');
  return ueid;
}

Result<UeidAdded> add_ueid(const std::string& ueid) {
  std::vector<std::string> present;
  const Result<Ok> listed = send(kSmcNetlinkDumpUeid, NLM_F_REQUEST | NLM_F_DUMP, "",
                                 "list", &present);
  if (!listed) return listed.error();
  for (const std::string& p : present) {
    if (p == shown_ueid(ueid)) return UeidAdded::kAlreadyThere;
  }
  const Result<Ok> r = send(kSmcNetlinkAddUeid, NLM_F_REQUEST | NLM_F_ACK, ueid, "add");
  if (!r) return r.error();
  return UeidAdded::kAdded;
}

Result<Ok> remove_ueid(const std::string& ueid) {
  return send(kSmcNetlinkRemoveUeid, NLM_F_REQUEST | NLM_F_ACK, ueid, "remove");
}

Result<Ok> flush_ueids() {
  return send(kSmcNetlinkFlushUeid, NLM_F_REQUEST | NLM_F_ACK, "", "flush");
}

Result<std::vector<std::string>> list_ueids() {
  std::vector<std::string> ueids;
  const Result<Ok> r =
      send(kSmcNetlinkDumpUeid, NLM_F_REQUEST | NLM_F_DUMP, "", "list", &ueids);
  if (!r) return r.error();
  return ueids;
}

}  // namespace smc
