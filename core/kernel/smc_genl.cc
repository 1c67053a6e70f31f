#include "core/kernel/smc_genl.h"

#include <linux/netlink.h>

#include <cerrno>
#include <cstring>
#include <functional>

#include <fmt/format.h>

#include "base/smc_abi.h"
#include "core/kernel/genl_reading.h"

namespace smc {
namespace {

using genl::nested;
using genl::number;
using genl::text;
using genl::without_padding;

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
      case kSmcNlaDevPortValid:
        port.valid = number<std::uint8_t>(a).value_or(0) != 0;
        break;
      case kSmcNlaDevPortLnkCnt:
        port.link_count = number<std::uint32_t>(a).value_or(0);
        break;
    }
  }
  return port;
}

// Takes one of a device's PCI attributes (SMC_NLA_DEV_PCI_*) into `pci`;
// false for any other attribute.
bool take_pci(const NetlinkAttribute& a, SmcPciFunction& pci) {
  switch (a.type) {
    case kSmcNlaDevPciFid:
      pci.fid = number<std::uint32_t>(a).value_or(0);
      return true;
    case kSmcNlaDevPciChid:
      pci.chid = number<std::uint16_t>(a).value_or(0);
      return true;
    case kSmcNlaDevPciVendor:
      pci.vendor = number<std::uint16_t>(a).value_or(0);
      return true;
    case kSmcNlaDevPciDevice:
      pci.device = number<std::uint16_t>(a).value_or(0);
      return true;
  }
  return false;
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
      case kSmcNlaSysSeid:
        info.seid = without_padding(text(a));
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
    if (take_pci(a, device.pci)) continue;
    switch (a.type) {
      case kSmcNlaDevUseCnt:
        device.use_count = number<std::uint32_t>(a).value_or(0);
        break;
      case kSmcNlaDevIsCrit:
        device.critical = number<std::uint8_t>(a).value_or(0) != 0;
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
  device.chid = device.pci.chid;
  return device;
}

std::optional<SmcrDevice> parse_smcr_device(const NetlinkMessage& message) {
  const auto attributes = nested(message, kSmcGenDevSmcr);
  if (!attributes) return std::nullopt;
  SmcrDevice device;
  for (const NetlinkAttribute& a : *attributes) {
    SmcPciFunction pci = device.pci.value_or(SmcPciFunction{});
    if (take_pci(a, pci)) {
      device.pci = pci;
    } else if (a.type == kSmcNlaDevIsCrit) {
      device.critical = number<std::uint8_t>(a).value_or(0) != 0;
    } else if (a.type == kSmcNlaDevIbName) {
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
      genl::dump_all(kSmcNetlinkGetSysInfo, what, &parse_system_info, errno_out);
  if (!info) return info.error();
  if (info->empty()) return genl::malformed(what, errno_out);
  return info->back();
}

Result<std::vector<SmcdDevice>> list_smcd_devices(int* errno_out) {
  return genl::dump_all(kSmcNetlinkGetDevSmcd, "cannot list SMC-D devices", &parse_smcd_device,
                  errno_out);
}

Result<std::vector<SmcrDevice>> list_smcr_devices(int* errno_out) {
  return genl::dump_all(kSmcNetlinkGetDevSmcr, "cannot list SMC-R devices", &parse_smcr_device,
                  errno_out);
}

Result<SmcSeid> smc_seid(int* errno_out) {
  const Result<std::vector<SmcSeid>> seid =
      genl::dump_all(kSmcNetlinkDumpSeid, "cannot read the SEID", &parse_seid, errno_out);
  if (!seid) return seid.error();
  // smc_nl_dump_seid always sends one message; none would mean no SEID.
  return seid->empty() ? SmcSeid{} : seid->back();
}

Result<Ok> set_seid_enabled(bool enabled, int* errno_out) {
  return genl::request(enabled ? kSmcNetlinkEnableSeid : kSmcNetlinkDisableSeid,
                       enabled ? "cannot enable the SEID" : "cannot disable the SEID",
                       errno_out);
}

}  // namespace smc
