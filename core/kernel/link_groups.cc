#include "core/kernel/link_groups.h"

#include "base/smc_abi.h"
#include "core/kernel/genl_reading.h"

namespace smc {
namespace {

using genl::nested;
using genl::number;
using genl::text;
using genl::uint_value;
using genl::without_padding;

std::optional<SmcLinkGroupV2> parse_v2(Bytes data) {
  const auto attributes = split_attributes(data, 0);
  if (!attributes) return std::nullopt;
  SmcLinkGroupV2 v2;
  for (const NetlinkAttribute& a : *attributes) {
    switch (a.type) {
      case kSmcNlaLgrV2Ver:
        v2.version = number<std::uint8_t>(a).value_or(0);
        break;
      case kSmcNlaLgrV2Rel:
        v2.peer_release = number<std::uint8_t>(a).value_or(0);
        break;
      case kSmcNlaLgrV2Os:
        v2.peer_os = number<std::uint8_t>(a).value_or(0);
        break;
      case kSmcNlaLgrV2NegEid:
        v2.negotiated_eid = without_padding(text(a));
        break;
      case kSmcNlaLgrV2PeerHost:
        v2.peer_host = without_padding(text(a));
        break;
    }
  }
  return v2;
}

// SMC_NLA_LGR_R_V2 into `group`; false when it does not parse.
bool take_smcr_v2(Bytes data, SmcrLinkGroup& group) {
  const auto attributes = split_attributes(data, 0);
  if (!attributes) return false;
  for (const NetlinkAttribute& a : *attributes) {
    if (a.type == kSmcNlaLgrRV2Direct) {
      group.direct = number<std::uint8_t>(a).value_or(0) != 0;
    } else if (a.type == kSmcNlaLgrRV2MaxConns) {
      group.max_connections = number<std::uint8_t>(a).value_or(0);
    } else if (a.type == kSmcNlaLgrRV2MaxLinks) {
      group.max_links = number<std::uint8_t>(a).value_or(0);
    }
  }
  return true;
}

// One SMC_NLA_LGR_R_* attribute into `group`; false when a nest in it does
// not parse.
bool take_smcr_group_attribute(const NetlinkAttribute& a, SmcrLinkGroup& group) {
  switch (a.type) {
    case kSmcNlaLgrRId:
      group.id = number<std::uint32_t>(a).value_or(0);
      break;
    case kSmcNlaLgrRRole:
      group.role = number<std::uint8_t>(a).value_or(0);
      break;
    case kSmcNlaLgrRType:
      group.type = number<std::uint8_t>(a).value_or(0);
      break;
    case kSmcNlaLgrRVlanId:
      group.vlan_id = number<std::uint8_t>(a).value_or(0);
      break;
    case kSmcNlaLgrRPnetid:
      group.pnetid = without_padding(text(a));
      break;
    case kSmcNlaLgrRConnsNum:
      group.connections = number<std::uint32_t>(a).value_or(0);
      break;
    case kSmcNlaLgrRSndbufAlloc:
      group.sndbuf_bytes = uint_value(a).value_or(0);
      break;
    case kSmcNlaLgrRRmbAlloc:
      group.rmb_bytes = uint_value(a).value_or(0);
      break;
    case kSmcNlaLgrRV2Common:
      group.v2 = parse_v2(a.data);
      return group.v2.has_value();
    case kSmcNlaLgrRV2:
      return take_smcr_v2(a.data, group);
  }
  return true;
}

void take_link_attribute(const NetlinkAttribute& a, SmcrLink& link) {
  switch (a.type) {
    case kSmcNlaLinkId:
      link.id = number<std::uint8_t>(a).value_or(0);
      break;
    case kSmcNlaLinkIbDev:
      link.ib_device = text(a);
      break;
    case kSmcNlaLinkIbPort:
      link.ib_port = number<std::uint8_t>(a).value_or(0);
      break;
    case kSmcNlaLinkGid:
      link.gid = text(a);
      break;
    case kSmcNlaLinkPeerGid:
      link.peer_gid = text(a);
      break;
    case kSmcNlaLinkConnCnt:
      link.connections = number<std::uint32_t>(a).value_or(0);
      break;
    case kSmcNlaLinkNetDev:
      link.netdev_index = number<std::uint32_t>(a).value_or(0);
      break;
    case kSmcNlaLinkUid:
      link.uid = number<std::uint32_t>(a).value_or(0);
      break;
    case kSmcNlaLinkPeerUid:
      link.peer_uid = number<std::uint32_t>(a).value_or(0);
      break;
    case kSmcNlaLinkState:
      link.state = number<std::uint32_t>(a).value_or(0);
      break;
  }
}

// Reads a link dump message by message: link groups, each followed by
// its links.
class LinkGroupCollector {
 public:
  void add(const NetlinkMessage& m) {
    if (auto group = parse_smcr_link_group(m)) {
      groups_.push_back(std::move(*group));
    } else if (auto link = parse_smcr_link(m); link && !groups_.empty() &&
                                               groups_.back().links.size() <
                                                   static_cast<std::size_t>(kSmcLinksPerLgrMax)) {
      groups_.back().links.push_back(std::move(*link));
    } else {
      bad_ = true;
    }
  }
  bool bad() const { return bad_; }
  std::vector<SmcrLinkGroup>& groups() { return groups_; }

 private:
  std::vector<SmcrLinkGroup> groups_;
  bool bad_ = false;
};

}  // namespace

std::optional<SmcrLinkGroup> parse_smcr_link_group(const NetlinkMessage& message) {
  const auto attributes = nested(message, kSmcGenLgrSmcr);
  if (!attributes) return std::nullopt;
  SmcrLinkGroup group;
  for (const NetlinkAttribute& a : *attributes) {
    if (!take_smcr_group_attribute(a, group)) return std::nullopt;
  }
  return group;
}

std::optional<SmcrLink> parse_smcr_link(const NetlinkMessage& message) {
  const auto attributes = nested(message, kSmcGenLinkSmcr);
  if (!attributes) return std::nullopt;
  SmcrLink link;
  for (const NetlinkAttribute& a : *attributes) take_link_attribute(a, link);
  return link;
}

std::optional<SmcdLinkGroup> parse_smcd_link_group(const NetlinkMessage& message) {
  const auto attributes = nested(message, kSmcGenLgrSmcd);
  if (!attributes) return std::nullopt;
  SmcdLinkGroup group;
  for (const NetlinkAttribute& a : *attributes) {
    switch (a.type) {
      case kSmcNlaLgrDId:
        group.id = number<std::uint32_t>(a).value_or(0);
        break;
      case kSmcNlaLgrDGid:
        group.gid = number<std::uint64_t>(a).value_or(0);
        break;
      case kSmcNlaLgrDPeerGid:
        group.peer_gid = number<std::uint64_t>(a).value_or(0);
        break;
      case kSmcNlaLgrDVlanId:
        group.vlan_id = number<std::uint8_t>(a).value_or(0);
        break;
      case kSmcNlaLgrDConnsNum:
        group.connections = number<std::uint32_t>(a).value_or(0);
        break;
      case kSmcNlaLgrDPnetid:
        group.pnetid = without_padding(text(a));
        break;
      case kSmcNlaLgrDChid:
        group.chid = number<std::uint32_t>(a).value_or(0);
        break;
      case kSmcNlaLgrDSndbufAlloc:
        group.sndbuf_bytes = uint_value(a).value_or(0);
        break;
      case kSmcNlaLgrDDmbAlloc:
        group.dmb_bytes = uint_value(a).value_or(0);
        break;
      case kSmcNlaLgrDV2Common:
        group.v2 = parse_v2(a.data);
        if (!group.v2) return std::nullopt;
        break;
    }
  }
  return group;
}

std::optional<std::vector<SmcrLinkGroup>> collect_smcr_link_groups(
    const std::vector<NetlinkMessage>& messages) {
  LinkGroupCollector collector;
  for (const NetlinkMessage& m : messages) collector.add(m);
  if (collector.bad()) return std::nullopt;
  return std::move(collector.groups());
}

Result<std::vector<SmcrLinkGroup>> list_smcr_link_groups(int* errno_out) {
  const std::string what = "cannot list SMC-R link groups";
  LinkGroupCollector collector;
  const Result<Ok> r = genl::dump(
      kSmcNetlinkGetLinkSmcr, what, [&](const NetlinkMessage& m) { collector.add(m); },
      errno_out);
  if (!r) return r.error();
  if (collector.bad()) return genl::malformed(what, errno_out);
  return std::move(collector.groups());
}

Result<std::vector<SmcdLinkGroup>> list_smcd_link_groups(int* errno_out) {
  return genl::dump_all(kSmcNetlinkGetLgrSmcd, "cannot list SMC-D link groups",
                        &parse_smcd_link_group, errno_out);
}

}  // namespace smc
