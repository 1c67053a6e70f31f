// What the kernel's SMC generic netlink family (SMC_GEN_NETLINK,
// include/uapi/linux/smc.h) says about this host beyond sockets: the SMC
// system info, the SMC-D and SMC-R devices, and the system EID (SEID).
// User EIDs have their own module, core/ueid.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/kernel/netlink.h"

namespace smc {

// SMC_GEN_SYS_INFO (net/smc/smc_core.c: smc_nl_get_sys_info).
struct SmcSystemInfo {
  std::uint8_t version = 0;  // highest SMC version, 2 for SMCv2
  std::uint8_t release = 0;
  // An SMC-Dv2 capable device is registered: an ISMv2 device (s390) or
  // loopback-ism, which sets the same flag (net/smc/smc_loopback.c).
  bool ism_v2 = false;
  bool smcr_v2 = false;
  std::string host;  // the local host name SMC sends in its handshake
  std::string seid;  // the system EID; empty outside s390 or without SMC-Dv2
};

// What the kernel says of a device's PCI function, where it has one
// (net/smc/smc_ib.c and smc_ism.c: smc_nl_handle_pci_values).
struct SmcPciFunction {
  std::uint32_t fid = 0;  // function id (s390)
  std::uint16_t chid = 0;
  std::uint16_t vendor = 0;
  std::uint16_t device = 0;
};

// SMC_GEN_DEV_SMCD (net/smc/smc_ism.c: smc_nl_handle_smcd_dev). Since
// loopback-ism has no PCI device, the kernel leaves it out of this list
// (smc_nl_prep_smcd_dev skips smc_ism_is_loopback devices).
struct SmcdDevice {
  std::string pci_id;  // "0000:00:05.0"
  std::uint16_t chid = 0;
  std::string pnetid;  // without its blank padding; empty when none
  bool pnetid_by_user = false;
  std::uint32_t use_count = 0;  // link groups on the device
  SmcPciFunction pci;
  bool critical = false;  // link groups use it (SMC_NLA_DEV_IS_CRIT)
};

// SMC_NLA_DEV_PORT* of an SMC-R device (net/smc/smc_ib.c).
struct SmcrPort {
  int number = 0;  // 1-based, as RDMA ports are
  std::string pnetid;
  bool pnetid_by_user = false;  // set with smc_pnet, not by the firmware
  std::uint32_t netdev_index = 0;  // the ifindex of its net device, 0 if none
  bool active = false;             // IB_PORT_ACTIVE
  std::uint32_t link_count = 0;
  bool valid = false;  // SMC_NLA_DEV_PORT_VALID: the kernel sends valid ports only
};

// SMC_GEN_DEV_SMCR (net/smc/smc_ib.c: smc_nl_handle_smcr_dev): every RDMA
// device the smc module knows, RoCE NICs and soft-RoCE (rxe) alike.
struct SmcrDevice {
  std::string ib_name;  // "mlx5_0", "rxe0"
  std::string pci_id;   // empty for devices without a PCI parent (rxe)
  std::vector<SmcrPort> ports;
  std::optional<SmcPciFunction> pci;  // nullopt without a PCI parent
  bool critical = false;  // a link group has no other device to fail over to
};

// SMC_NETLINK_DUMP_SEID (net/smc/smc_clc.c: smc_nl_dump_seid): the system
// EID exists only with an SMC-Dv2 device; it is all zeros (empty) outside
// s390, where it can never be enabled (SMC_NETLINK_ENABLE_SEID answers
// EOPNOTSUPP).
struct SmcSeid {
  std::optional<std::string> seid;  // nullopt: no SMC-Dv2 device
  bool enabled = false;
};

// Parsers of one reply message each; nullopt when it holds nothing of the
// kind or is malformed.
std::optional<SmcSystemInfo> parse_system_info(const NetlinkMessage& message);
std::optional<SmcdDevice> parse_smcd_device(const NetlinkMessage& message);
std::optional<SmcrDevice> parse_smcr_device(const NetlinkMessage& message);
std::optional<SmcSeid> parse_seid(const NetlinkMessage& message);

// The dumps. On failure `errno_out` (when given) receives the errno, so
// that callers can tell "no smc module" (ENOENT) from other failures.
Result<SmcSystemInfo> smc_system_info(int* errno_out = nullptr);
Result<std::vector<SmcdDevice>> list_smcd_devices(int* errno_out = nullptr);
Result<std::vector<SmcrDevice>> list_smcr_devices(int* errno_out = nullptr);
Result<SmcSeid> smc_seid(int* errno_out = nullptr);

// SMC_NETLINK_ENABLE_SEID or _DISABLE_SEID. The kernel answers EOPNOTSUPP
// outside s390 and ENOENT when disabling with no UEID set
// (net/smc/smc_clc.c: smc_nl_enable_seid, smc_nl_disable_seid).
Result<Ok> set_seid_enabled(bool enabled, int* errno_out = nullptr);

}  // namespace smc
