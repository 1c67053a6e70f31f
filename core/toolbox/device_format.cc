#include "core/toolbox/device_format.h"

#include <fmt/format.h>

#include "core/toolbox/json.h"
#include "core/toolbox/table.h"

namespace smc {
namespace {

std::string pnetid_text(const std::string& pnetid, bool by_user) {
  if (pnetid.empty()) return "-";
  return by_user ? "*" + pnetid : pnetid;
}

std::string pci_type(const std::optional<SmcPciFunction>& pci) {
  return pci ? fmt::format("{:04x}:{:04x}", pci->vendor, pci->device) : "-";
}

bool shown(const SmcrDevice& d, const SmcrPort& p, const NetdevNames& netdevs,
           const DeviceFilter& f) {
  if (!p.valid) return false;
  if (f.ib_device && d.ib_name != *f.ib_device) return false;
  return !f.net_device || netdev_name(netdevs, p.netdev_index) == *f.net_device;
}

std::string yes_no(bool b) { return b ? "Yes" : "No"; }

}  // namespace

std::string netdev_name(const NetdevNames& netdevs, std::uint32_t ifindex) {
  const auto it = netdevs.find(ifindex);
  return ifindex != 0 && it != netdevs.end() ? it->second : "-";
}

std::string smcr_devices_text(const std::vector<SmcrDevice>& devices,
                              const NetdevNames& netdevs, const DeviceFilter& filter,
                              int details) {
  std::vector<std::vector<std::string>> rows = {
      {"Net-Dev", "IB-Dev", "IB-P", "IB-State", "Type", "Crit"}};
  if (details > 0) rows[0].insert(rows[0].end(), {"FID", "PCI-ID", "PCHID"});
  rows[0].insert(rows[0].end(), {"#Links", "PNET-ID"});
  for (const SmcrDevice& d : devices) {
    for (const SmcrPort& p : d.ports) {
      if (!shown(d, p, netdevs, filter)) continue;
      std::vector<std::string> row = {netdev_name(netdevs, p.netdev_index), d.ib_name,
                                      std::to_string(p.number),
                                      p.active ? "ACTIVE" : "INACTIVE", pci_type(d.pci),
                                      yes_no(d.critical)};
      if (details > 0) {
        row.push_back(d.pci ? fmt::format("{:04x}", d.pci->fid) : "-");
        row.push_back(d.pci_id.empty() ? "-" : d.pci_id);
        row.push_back(d.pci ? fmt::format("{:04x}", d.pci->chid) : "-");
      }
      row.push_back(std::to_string(p.link_count));
      row.push_back(pnetid_text(p.pnetid, p.pnetid_by_user));
      rows.push_back(row);
    }
  }
  return columns(rows);
}

std::string smcr_devices_json(const std::vector<SmcrDevice>& devices,
                              const NetdevNames& netdevs, const DeviceFilter& filter) {
  std::string out = "[";
  for (const SmcrDevice& d : devices) {
    for (const SmcrPort& p : d.ports) {
      if (!shown(d, p, netdevs, filter)) continue;
      const std::string netdev = netdev_name(netdevs, p.netdev_index);
      out += fmt::format(
          "{}\n  {{\"ib_device\": {}, \"ib_port\": {}, \"net_device\": {}, \"active\": {}, "
          "\"critical\": {}, \"pci_id\": {}, \"pci_vendor\": {}, \"pci_device\": {}, "
          "\"links\": {}, \"pnetid\": {}, \"pnetid_by_user\": {}}}",
          out.size() > 1 ? "," : "", json_string(d.ib_name), p.number,
          netdev == "-" ? "null" : json_string(netdev), p.active ? "true" : "false",
          d.critical ? "true" : "false", d.pci_id.empty() ? "null" : json_string(d.pci_id),
          d.pci ? std::to_string(d.pci->vendor) : "null",
          d.pci ? std::to_string(d.pci->device) : "null", p.link_count,
          json_string(p.pnetid), p.pnetid_by_user ? "true" : "false");
    }
  }
  return out + (out.size() > 1 ? "\n]\n" : "]\n");
}

std::string smcd_devices_text(const std::vector<SmcdDevice>& devices, bool loopback_ism) {
  std::vector<std::vector<std::string>> rows = {
      {"FID", "Type", "PCI-ID", "PCHID", "InUse", "#LGs", "PNET-ID"}};
  for (const SmcdDevice& d : devices) {
    rows.push_back({fmt::format("{:04x}", d.pci.fid),
                    fmt::format("{:04x}:{:04x}", d.pci.vendor, d.pci.device), d.pci_id,
                    fmt::format("{:04x}", d.chid), yes_no(d.critical),
                    std::to_string(d.use_count), pnetid_text(d.pnetid, d.pnetid_by_user)});
  }
  std::string out = columns(rows);
  if (loopback_ism) {
    out += "(and loopback-ism, which the kernel uses for SMC-Dv2 within this host but does "
           "not list)\n";
  }
  return out;
}

std::string smcd_devices_json(const std::vector<SmcdDevice>& devices, bool loopback_ism) {
  std::string list;
  for (const SmcdDevice& d : devices) {
    list += fmt::format(
        "{}\n    {{\"pci_id\": {}, \"fid\": {}, \"chid\": {}, \"pci_vendor\": {}, "
        "\"pci_device\": {}, \"in_use\": {}, \"link_groups\": {}, \"pnetid\": {}, "
        "\"pnetid_by_user\": {}}}",
        list.empty() ? "" : ",", json_string(d.pci_id), d.pci.fid, d.chid, d.pci.vendor,
        d.pci.device, d.critical ? "true" : "false", d.use_count, json_string(d.pnetid),
        d.pnetid_by_user ? "true" : "false");
  }
  return fmt::format("{{\"devices\": [{}{}], \"loopback_ism\": {}}}\n", list,
                     list.empty() ? "" : "\n  ", loopback_ism ? "true" : "false");
}

}  // namespace smc
