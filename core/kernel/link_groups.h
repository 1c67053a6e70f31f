// The link groups of SMC-R and SMC-D as the kernel lists them over SMC
// generic netlink (net/smc/smc_core.c: smc_nl_fill_lgr, smc_nl_fill_lgr_link,
// smc_nl_fill_smcd_lgr): what connections share, and for SMC-R the RDMA
// links under them. smcr/smcd linkgroup show them; smcss -R names a
// connection's link group by matching its SMC_DIAG link to one of these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/kernel/netlink.h"

namespace smc {

// SMC_NLA_LGR_R_V2_COMMON / SMC_NLA_LGR_D_V2_COMMON: sent for SMC v2 link
// groups only.
struct SmcLinkGroupV2 {
  std::uint8_t version = 0;
  std::uint8_t peer_release = 0;
  std::uint8_t peer_os = 0;     // SMC_CLC_OS_* (kSmcClcOs*)
  std::string negotiated_eid;   // without its blank padding
  std::string peer_host;
};

// SMC_GEN_LINK_SMCR: one RDMA link of a link group.
struct SmcrLink {
  std::uint8_t id = 0;
  std::string ib_device;  // "rxe0"
  std::uint8_t ib_port = 0;
  std::string gid;        // as text, "0000:0000:...:c612:0001"
  std::string peer_gid;
  std::uint32_t connections = 0;
  std::uint32_t netdev_index = 0;  // ifindex of the net device, 0 if none
  std::uint32_t uid = 0;           // link UIDs, as the kernel sends them
  std::uint32_t peer_uid = 0;
  std::uint32_t state = 0;         // enum smc_link_state (kSmcLink*)
};

// SMC_GEN_LGR_SMCR: an SMC-R link group.
struct SmcrLinkGroup {
  std::uint32_t id = 0;
  std::uint8_t role = 0;  // kSmcLgrRoleClient or kSmcLgrRoleServer
  std::uint8_t type = 0;  // enum smc_lgr_type (kSmcLgrType*)
  std::uint8_t vlan_id = 0;
  std::string pnetid;     // without its blank padding
  std::uint32_t connections = 0;
  std::optional<SmcLinkGroupV2> v2;
  bool direct = false;    // SMC-Rv2: the peer is reached without a gateway
  std::uint8_t max_connections = 0;  // SMC-Rv2 only, else 0
  std::uint8_t max_links = 0;
  std::uint64_t sndbuf_bytes = 0;  // send buffers allocated in it
  std::uint64_t rmb_bytes = 0;     // receive buffers (RMBs)
  std::vector<SmcrLink> links;     // filled by the link dump only
};

// SMC_GEN_LGR_SMCD: an SMC-D link group (one per peer and ISM device,
// loopback-ism included).
struct SmcdLinkGroup {
  std::uint32_t id = 0;
  std::uint64_t gid = 0;
  std::uint64_t peer_gid = 0;
  std::uint8_t vlan_id = 0;
  std::uint32_t connections = 0;
  std::string pnetid;
  std::uint32_t chid = 0;
  std::optional<SmcLinkGroupV2> v2;
  std::uint64_t sndbuf_bytes = 0;
  std::uint64_t dmb_bytes = 0;  // receive buffers (DMBs)
};

// One reply message each; nullopt when it holds nothing of the kind or is
// malformed.
std::optional<SmcrLinkGroup> parse_smcr_link_group(const NetlinkMessage& message);
std::optional<SmcrLink> parse_smcr_link(const NetlinkMessage& message);
std::optional<SmcdLinkGroup> parse_smcd_link_group(const NetlinkMessage& message);

// The messages of an SMC_NETLINK_GET_LINK_SMCR dump in order: each link
// group, then its links. nullopt when one is malformed or a link comes
// before any link group.
std::optional<std::vector<SmcrLinkGroup>> collect_smcr_link_groups(
    const std::vector<NetlinkMessage>& messages);

// The dumps; errors as for core/kernel/smc_genl.h.
Result<std::vector<SmcrLinkGroup>> list_smcr_link_groups(int* errno_out = nullptr);
Result<std::vector<SmcdLinkGroup>> list_smcd_link_groups(int* errno_out = nullptr);

}  // namespace smc
