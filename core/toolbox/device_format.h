// smcr/smcd device: smc-tools' tables of SMC-R devices (one line per
// port) and SMC-D devices, and JSON, from SMC_NETLINK_GET_DEV_SMCR/_SMCD.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/kernel/smc_genl.h"

namespace smc {

using NetdevNames = std::map<std::uint32_t, std::string>;  // ifindex -> name

struct DeviceFilter {  // smc-tools' ibdev and netdev words
  std::optional<std::string> ib_device;
  std::optional<std::string> net_device;
};

// Net-Dev IB-Dev IB-P IB-State Type Crit [FID PCI-ID PCHID] #Links PNET-ID,
// one line per valid port; `details` adds the PCI columns. Type is the PCI
// vendor:device, "-" without a PCI function (Soft-RoCE). A PNET ID set by
// the user gets a '*', as in smc-tools.
std::string smcr_devices_text(const std::vector<SmcrDevice>& devices,
                              const NetdevNames& netdevs, const DeviceFilter& filter,
                              int details);
std::string smcr_devices_json(const std::vector<SmcrDevice>& devices,
                              const NetdevNames& netdevs, const DeviceFilter& filter);

// FID Type PCI-ID PCHID InUse #LGs PNET-ID. `loopback_ism` adds a note:
// the kernel uses that device but leaves it out of this list.
std::string smcd_devices_text(const std::vector<SmcdDevice>& devices, bool loopback_ism);
std::string smcd_devices_json(const std::vector<SmcdDevice>& devices, bool loopback_ism);

// The name of `ifindex`, or "-" for 0 and an index no device has now.
std::string netdev_name(const NetdevNames& netdevs, std::uint32_t ifindex);

}  // namespace smc
