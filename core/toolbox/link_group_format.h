// smcr/smcd linkgroup: smc-tools' tables and detail blocks of link groups
// (and, for SMC-R, their links), and JSON, from SMC_NETLINK_GET_LINK_SMCR
// and SMC_NETLINK_GET_LGR_SMCD.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/kernel/link_groups.h"
#include "core/toolbox/device_format.h"

namespace smc {

struct LinkGroupFilter {  // smc-tools' LG-ID, ibdev and netdev words
  std::optional<std::uint32_t> id;
  std::optional<std::string> ib_device;   // links on this RDMA device
  std::optional<std::string> net_device;  // links on this net device
};

// "show": LG-ID LG-Role LG-Type VLAN #Conns PNET-ID; with `details` a
// block of every fact per link group instead. "link-show" (`links`): one
// line per link, LG-ID LG-Role LG-Type Net-Dev Link-State #Conns, with
// `details` also Link-UID Peer-UID IB-Dev IB-P, with 2 also the GIDs.
std::string smcr_link_groups_text(const std::vector<SmcrLinkGroup>& groups,
                                  const NetdevNames& netdevs, const LinkGroupFilter& filter,
                                  bool links, int details);
// Every link group with its links.
std::string smcr_link_groups_json(const std::vector<SmcrLinkGroup>& groups,
                                  const NetdevNames& netdevs, const LinkGroupFilter& filter);

// LG-ID VLAN #Conns PNET-ID, or with `details` a block per link group.
std::string smcd_link_groups_text(const std::vector<SmcdLinkGroup>& groups,
                                  const LinkGroupFilter& filter, int details);
std::string smcd_link_groups_json(const std::vector<SmcdLinkGroup>& groups,
                                  const LinkGroupFilter& filter);

// smc-tools' names: "SINGLE", "LINK_ACTIVE", "LINUX".
std::string link_group_type_name(std::uint8_t type);
std::string link_state_name(std::uint32_t state);
std::string peer_os_name(std::uint8_t os);

}  // namespace smc
