// smcr/smcd info: smc-tools' "Kernel Capabilities" and "Hardware
// Capabilities", from SMC_NETLINK_GET_SYS_INFO and the device lists.
#pragma once

#include <string>
#include <vector>

#include "core/kernel/smc_genl.h"

namespace smc {

struct InfoFacts {
  SmcSystemInfo system;
  std::vector<SmcdDevice> smcd_devices;
  std::vector<SmcrDevice> smcr_devices;
};

// Text as smc-tools prints it. Where smc-tools looks for s390's ISM and
// RoCE Express hardware by PCI id, this names what the kernel lists:
// ISM devices, loopback-ism (which the kernel leaves out of its list but
// flags as an SMC-Dv2 device), and the RDMA devices SMC-R can use.
std::string info_text(const InfoFacts& facts);

std::string info_json(const InfoFacts& facts);

// An SMC-Dv2 device the kernel flags but does not list can only be
// loopback-ism (net/smc/smc_ism.c leaves it out of the dump).
bool has_loopback_ism(const SmcSystemInfo& system, const std::vector<SmcdDevice>& smcd);

}  // namespace smc
