#include "core/smc_genl/smc_genl.h"

#include <linux/netlink.h>

#include <cerrno>
#include <cstring>
#include <functional>

#include <fmt/format.h>

#include "base/smc_abi.h"

namespace smc {
namespace {

template <typename T>
std::optional<T> number(const NetlinkAttribute& a) {
  if (a.data.size() < sizeof(T)) return std::nullopt;
  T value{};
  std::memcpy(&value, a.data.data(), sizeof value);
  return value;
}

// nla_put_string attributes end in a NUL; stop at the first one anyway.
std::string text(const NetlinkAttribute& a) {
  const char* p = reinterpret_cast<const char*>(a.data.data());
  return std::string(p, strnlen(p, a.data.size()));
}

// PNET IDs are blank-padded to SMC_MAX_PNETID_LEN characters.
std::string without_padding(std::string s) {
  const std::size_t end = s.find_last_not_of(' ');
  s.erase(end == std::string::npos ? 0 : end + 1);
  return s;
}

// The attributes inside the nest of type `nest` at the top of `message`.
std::optional<std::vector<NetlinkAttribute>> nested(
    const NetlinkMessage& message, std::uint16_t nest) {
  const auto top = genl_attributes(message);
  if (!top) return std::nullopt;
  for (const NetlinkAttribute& a : *top) {
    if (a.type == nest) return split_attributes(a.data, 0);
  }
  return std::nullopt;
}

std::optional<SmcrPort> parse_port(Bytes data, int number_1based) {
  const auto attributes = split_attributes(data, 0);
  if (!attributes) return std::nullopt;
  SmcrPort port;
  port.number = number_1based;
  for (const NetlinkAttribute& a : *attributes) {
    switch (a.type) {
      case kSmcNlaDevPortPnetid:
        port.pnetid = without_padding(text(a));
        break;
      case kSmcNlaDevPortPnetUsr:
        port.pnetid_by_user = number<std::uint8_t>(a).value_or(0) != 0;
        break;
      case kSmcNlaDevPortNetdev:
        port.netdev_index = number<std::uint32_t>(a).value_or(0);
        break;
      case kSmcNlaDevPortState:
        port.active = number<std::uint8_t>(a).value_or(0) != 0;
        break;
      case kSmcNlaDevPortLnkCnt:
        port.link_count = number<std::uint32_t>(a).value_or(0);
        break;
    }
  }
  return port;
}

// Runs dump `command` of the SMC family, handing over each message of it.
Result<Ok> dump(std::uint8_t command, const std::string& what,
                const std::function<void(const NetlinkMessage&)>& on_message,
                int* errno_out) {
  int error = 0;
  if (errno_out != nullptr) *errno_out = 0;
  const Result<std::uint16_t> family = genl_family_id(kSmcGenlFamilyName, &error);
  if (!family) {
    if (errno_out != nullptr) *errno_out = error;
    // The genl controller answers ENOENT for a family nobody registered.
    if (error == ENOENT) {
      return system_error(fmt::format(
          "{}: the kernel has no SMC generic netlink (smc module not loaded)",
          what));
    }
    return system_error(fmt::format("{}: {}", what, std::strerror(error)));
  }
  const NetlinkRequest request = genl_request(
      *family, command, kSmcGenlFamilyVersion, NLM_F_REQUEST | NLM_F_DUMP);
  return netlink_exchange(
      NETLINK_GENERIC, request, what,
      [&](const NetlinkMessage& m) {
        if (m.type == *family) on_message(m);
      },
      errno_out);
}

// The error for a dump whose messages did not parse.
Error malformed(const std::string& what, int* errno_out) {
  if (errno_out != nullptr) *errno_out = EBADMSG;
  return system_error(fmt::format("{}: malformed reply from the kernel", what));
}

// Every message of dump `command`, each read by `parse`; one that does not
// parse makes the whole dump malformed.
template <typename T>
Result<std::vector<T>> dump_all(std::uint8_t command, const std::string& what,
                                std::optional<T> (*parse)(const NetlinkMessage&),
                                int* errno_out) {
  std::vector<T> items;
  bool bad = false;
  const Result<Ok> r = dump(
      command, what,
      [&](const NetlinkMessage& m) {
        std::optional<T> item = parse(m);
        if (item) {
          items.push_back(std::move(*item));
        } else {
          bad = true;
        }
      },
      errno_out);
  if (!r) return r.error();
  if (bad) return malformed(what, errno_out);
  return items;
}

}  // namespace

std::optional<SmcSystemInfo> parse_system_info(const NetlinkMessage& message) {
  const auto attributes = nested(message, kSmcGenSysInfo);
  if (!attributes) return std::nullopt;
  SmcSystemInfo info;
  for (const NetlinkAttribute& a : *attributes) {
    switch (a.type) {
      case kSmcNlaSysVer:
        info.version = number<std::uint8_t>(a).value_or(0);
        break;
      case kSmcNlaSysRel:
        info.release = number<std::uint8_t>(a).value_or(0);
        break;
      case kSmcNlaSysIsIsmV2:
        info.ism_v2 = number<std::uint8_t>(a).value_or(0) != 0;
        break;
      case kSmcNlaSysIsSmcrV2:
        info.smcr_v2 = number<std::uint8_t>(a).value_or(0) != 0;
        break;
      case kSmcNlaSysLocalHost:
        info.host = without_padding(text(a));
        break;
    }
  }
  return info;
}

std::optional<SmcdDevice> parse_smcd_device(const NetlinkMessage& message) {
  const auto attributes = nested(message, kSmcGenDevSmcd);
  if (!attributes) return std::nullopt;
  SmcdDevice device;
  for (const NetlinkAttribute& a : *attributes) {
    switch (a.type) {
      case kSmcNlaDevUseCnt:
        device.use_count = number<std::uint32_t>(a).value_or(0);
        break;
      case kSmcNlaDevPciChid:
        device.chid = number<std::uint16_t>(a).value_or(0);
        break;
      case kSmcNlaDevPciId:
        device.pci_id = text(a);
        break;
      case kSmcNlaDevPort: {
        const auto port = parse_port(a.data, 1);
        if (!port) return std::nullopt;
        device.pnetid = port->pnetid;
        device.pnetid_by_user = port->pnetid_by_user;
        break;
      }
    }
  }
  return device;
}

std::optional<SmcrDevice> parse_smcr_device(const NetlinkMessage& message) {
  const auto attributes = nested(message, kSmcGenDevSmcr);
  if (!attributes) return std::nullopt;
  SmcrDevice device;
  for (const NetlinkAttribute& a : *attributes) {
    if (a.type == kSmcNlaDevIbName) {
      device.ib_name = text(a);
    } else if (a.type == kSmcNlaDevPciId) {
      device.pci_id = text(a);
    } else if (a.type >= kSmcNlaDevPort && a.type < kSmcNlaDevPort + kSmcMaxPorts) {
      const auto port = parse_port(a.data, a.type - kSmcNlaDevPort + 1);
      if (!port) return std::nullopt;
      device.ports.push_back(*port);
    }
  }
  return device;
}

std::optional<SmcSeid> parse_seid(const NetlinkMessage& message) {
  const auto attributes = genl_attributes(message);
  if (!attributes) return std::nullopt;
  SmcSeid seid;
  for (const NetlinkAttribute& a : *attributes) {
    if (a.type == kSmcNlaSeidEntry) {
      seid.seid = without_padding(text(a));
    } else if (a.type == kSmcNlaSeidEnabled) {
      seid.enabled = number<std::uint8_t>(a).value_or(0) != 0;
    }
  }
  return seid;
}

Result<SmcSystemInfo> smc_system_info(int* errno_out) {
  const std::string what = "cannot read the SMC system info";
  const Result<std::vector<SmcSystemInfo>> info =
      dump_all(kSmcNetlinkGetSysInfo, what, &parse_system_info, errno_out);
  if (!info) return info.error();
  if (info->empty()) return malformed(what, errno_out);
  return info->back();
}

Result<std::vector<SmcdDevice>> list_smcd_devices(int* errno_out) {
  return dump_all(kSmcNetlinkGetDevSmcd, "cannot list SMC-D devices", &parse_smcd_device,
                  errno_out);
}

Result<std::vector<SmcrDevice>> list_smcr_devices(int* errno_out) {
  return dump_all(kSmcNetlinkGetDevSmcr, "cannot list SMC-R devices", &parse_smcr_device,
                  errno_out);
}

Result<SmcSeid> smc_seid(int* errno_out) {
  const Result<std::vector<SmcSeid>> seid =
      dump_all(kSmcNetlinkDumpSeid, "cannot read the SEID", &parse_seid, errno_out);
  if (!seid) return seid.error();
  // smc_nl_dump_seid always sends one message; none would mean no SEID.
  return seid->empty() ? SmcSeid{} : seid->back();
}

}  // namespace smc
