#include "core/toolbox/link_group_format.h"

#include <arpa/inet.h>

#include <fmt/format.h>

#include "base/smc_abi.h"
#include "core/toolbox/json.h"
#include "core/toolbox/table.h"

namespace smc {
namespace {

std::string hex_id(std::uint32_t id) { return fmt::format("{:08x}", id); }
std::string role_name(std::uint8_t role) { return role == kSmcLgrRoleServer ? "SERV" : "CLNT"; }
std::string vlan_text(std::uint8_t vlan) { return vlan == 0 ? "0" : fmt::format("{:#x}", vlan); }
std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

bool link_shown(const SmcrLink& l, const NetdevNames& netdevs, const LinkGroupFilter& f) {
  if (f.ib_device && l.ib_device != *f.ib_device) return false;
  return !f.net_device || netdev_name(netdevs, l.netdev_index) == *f.net_device;
}

// A link group is shown when its id fits and, with a device filter, when
// one of its links is on that device.
bool group_shown(const SmcrLinkGroup& g, const NetdevNames& netdevs, const LinkGroupFilter& f) {
  if (f.id && g.id != *f.id) return false;
  if (!f.ib_device && !f.net_device) return true;
  for (const SmcrLink& l : g.links) {
    if (link_shown(l, netdevs, f)) return true;
  }
  return false;
}

// The lines both techs' detail blocks share: the v2 facts.
void v2_lines(const std::optional<SmcLinkGroupV2>& v2, std::string& out, bool smcr_direct,
              bool direct) {
  out += fmt::format("Version  : {}\n", v2 ? v2->version : 1);
  if (!v2) return;
  out += fmt::format("Peer-Rel : {}\n", v2->peer_release);
  out += fmt::format("Peer-Host: {}\n", v2->peer_host);
  out += fmt::format("Peer-OS  : {}\n", peer_os_name(v2->peer_os));
  if (smcr_direct) out += fmt::format("Direct   : {}\n", direct ? "Yes" : "No");
  out += fmt::format("EID      : {}\n", v2->negotiated_eid);
}

std::string smcr_block(const SmcrLinkGroup& g) {
  std::string out = fmt::format("LG-ID    : {}\nLG-Role  : {}\nLG-Type  : {}\n", hex_id(g.id),
                                role_name(g.role), link_group_type_name(g.type));
  out += fmt::format("VLAN     : {}\nPNET-ID  : {}\n", vlan_text(g.vlan_id), g.pnetid);
  v2_lines(g.v2, out, true, g.direct);
  out += fmt::format("#Conns   : {}\nSndbuf   : {} B\nRMB      : {} B\n", g.connections,
                     g.sndbuf_bytes, g.rmb_bytes);
  return out;
}

std::vector<std::string> link_row(const SmcrLinkGroup& g, const SmcrLink& l,
                                  const NetdevNames& netdevs, int details) {
  std::vector<std::string> row = {hex_id(g.id), role_name(g.role), link_group_type_name(g.type),
                                  netdev_name(netdevs, l.netdev_index),
                                  link_state_name(l.state), std::to_string(l.connections)};
  if (details > 0) {
    // smc-tools prints the link UIDs' bytes in order.
    row.push_back(fmt::format("{:08x}", ntohl(l.uid)));
    row.push_back(fmt::format("{:08x}", ntohl(l.peer_uid)));
    row.push_back(l.ib_device);
    row.push_back(std::to_string(l.ib_port));
  }
  if (details > 1) {
    row.push_back(l.gid);
    row.push_back(l.peer_gid);
  }
  return row;
}

std::string smcr_links_text(const std::vector<SmcrLinkGroup>& groups,
                            const NetdevNames& netdevs, const LinkGroupFilter& f, int details) {
  std::vector<std::vector<std::string>> rows = {
      {"LG-ID", "LG-Role", "LG-Type", "Net-Dev", "Link-State", "#Conns"}};
  if (details > 0) rows[0].insert(rows[0].end(), {"Link-UID", "Peer-UID", "IB-Dev", "IB-P"});
  if (details > 1) rows[0].insert(rows[0].end(), {"Local-GID", "Peer-GID"});
  for (const SmcrLinkGroup& g : groups) {
    if (f.id && g.id != *f.id) continue;
    for (const SmcrLink& l : g.links) {
      if (link_shown(l, netdevs, f)) rows.push_back(link_row(g, l, netdevs, details));
    }
  }
  return columns(rows);
}

std::string v2_json(const std::optional<SmcLinkGroupV2>& v2) {
  if (!v2) return "null";
  return fmt::format(
      "{{\"version\": {}, \"peer_release\": {}, \"peer_os\": {}, \"peer_host\": {}, "
      "\"negotiated_eid\": {}}}",
      v2->version, v2->peer_release, json_string(peer_os_name(v2->peer_os)),
      json_string(v2->peer_host), json_string(v2->negotiated_eid));
}

std::string link_json(const SmcrLink& l, const NetdevNames& netdevs) {
  const std::string netdev = netdev_name(netdevs, l.netdev_index);
  return fmt::format(
      "{{\"id\": {}, \"state\": {}, \"ib_device\": {}, \"ib_port\": {}, \"net_device\": {}, "
      "\"connections\": {}, \"gid\": {}, \"peer_gid\": {}, \"uid\": \"{:08x}\", "
      "\"peer_uid\": \"{:08x}\"}}",
      l.id, json_string(link_state_name(l.state)), json_string(l.ib_device), l.ib_port,
      netdev == "-" ? "null" : json_string(netdev), l.connections, json_string(l.gid),
      json_string(l.peer_gid), ntohl(l.uid), ntohl(l.peer_uid));
}

}  // namespace

std::string link_group_type_name(std::uint8_t type) {
  switch (type) {
    case kSmcLgrTypeNone: return "NONE";
    case kSmcLgrTypeSingle: return "SINGLE";
    case kSmcLgrTypeSymmetric: return "SYM";
    case kSmcLgrTypeAsymmetricPeer: return "ASYMP";
    case kSmcLgrTypeAsymmetricLocal: return "ASYML";
  }
  return fmt::format("{:#x}?", type);
}

std::string link_state_name(std::uint32_t state) {
  switch (state) {
    case kSmcLinkUnused: return "LINK_UNUSED";
    case kSmcLinkInactive: return "LINK_INACTIVE";
    case kSmcLinkActivating: return "LINK_ACTIVATING";
    case kSmcLinkActive: return "LINK_ACTIVE";
  }
  return fmt::format("{:#x}?", state);
}

std::string peer_os_name(std::uint8_t os) {
  switch (os) {
    case kSmcClcOsZos: return "ZOS";
    case kSmcClcOsLinux: return "LINUX";
    case kSmcClcOsAix: return "AIX";
  }
  return fmt::format("Unknown ({:#x})", os);
}

std::string smcr_link_groups_text(const std::vector<SmcrLinkGroup>& groups,
                                  const NetdevNames& netdevs, const LinkGroupFilter& filter,
                                  bool links, int details) {
  if (links) return smcr_links_text(groups, netdevs, filter, details);
  if (details > 0) {
    std::string out;
    for (const SmcrLinkGroup& g : groups) {
      if (group_shown(g, netdevs, filter)) out += (out.empty() ? "" : "\n") + smcr_block(g);
    }
    return out;
  }
  std::vector<std::vector<std::string>> rows = {
      {"LG-ID", "LG-Role", "LG-Type", "VLAN", "#Conns", "PNET-ID"}};
  for (const SmcrLinkGroup& g : groups) {
    if (!group_shown(g, netdevs, filter)) continue;
    rows.push_back({hex_id(g.id), role_name(g.role), link_group_type_name(g.type),
                    vlan_text(g.vlan_id), std::to_string(g.connections), or_dash(g.pnetid)});
  }
  return columns(rows);
}

std::string smcr_link_groups_json(const std::vector<SmcrLinkGroup>& groups,
                                  const NetdevNames& netdevs, const LinkGroupFilter& filter) {
  std::string out = "[";
  for (const SmcrLinkGroup& g : groups) {
    if (!group_shown(g, netdevs, filter)) continue;
    std::string links;
    for (const SmcrLink& l : g.links) {
      if (link_shown(l, netdevs, filter)) {
        links += (links.empty() ? "" : ", ") + link_json(l, netdevs);
      }
    }
    out += fmt::format(
        "{}\n  {{\"id\": {}, \"id_hex\": \"{}\", \"role\": {}, \"type\": {}, \"vlan\": {}, "
        "\"pnetid\": {}, \"connections\": {}, \"v2\": {}, \"direct\": {}, \"sndbuf_bytes\": {}, "
        "\"rmb_bytes\": {}, \"links\": [{}]}}",
        out.size() > 1 ? "," : "", g.id, hex_id(g.id),
        json_string(g.role == kSmcLgrRoleServer ? "server" : "client"),
        json_string(link_group_type_name(g.type)), g.vlan_id, json_string(g.pnetid),
        g.connections, v2_json(g.v2), g.direct ? "true" : "false", g.sndbuf_bytes, g.rmb_bytes,
        links);
  }
  return out + (out.size() > 1 ? "\n]\n" : "]\n");
}

std::string smcd_link_groups_text(const std::vector<SmcdLinkGroup>& groups,
                                  const LinkGroupFilter& filter, int details) {
  std::string out;
  std::vector<std::vector<std::string>> rows = {{"LG-ID", "VLAN", "#Conns", "PNET-ID"}};
  for (const SmcdLinkGroup& g : groups) {
    if (filter.id && g.id != *filter.id) continue;
    if (details == 0) {
      rows.push_back({hex_id(g.id), vlan_text(g.vlan_id), std::to_string(g.connections),
                      or_dash(g.pnetid)});
      continue;
    }
    out += out.empty() ? "" : "\n";
    out += fmt::format("LG-ID    : {}\nVLAN     : {}\nPNET-ID  : {}\n", hex_id(g.id),
                       vlan_text(g.vlan_id), g.pnetid);
    v2_lines(g.v2, out, false, false);
    out += fmt::format("#Conns   : {}\nSndbuf   : {} B\nDMB      : {} B\n", g.connections,
                       g.sndbuf_bytes, g.dmb_bytes);
  }
  return details == 0 ? columns(rows) : out;
}

std::string smcd_link_groups_json(const std::vector<SmcdLinkGroup>& groups,
                                  const LinkGroupFilter& filter) {
  std::string out = "[";
  for (const SmcdLinkGroup& g : groups) {
    if (filter.id && g.id != *filter.id) continue;
    out += fmt::format(
        "{}\n  {{\"id\": {}, \"id_hex\": \"{}\", \"vlan\": {}, \"pnetid\": {}, \"connections\": {}, "
        "\"gid\": \"{:#018x}\", \"peer_gid\": \"{:#018x}\", \"chid\": {}, \"v2\": {}, "
        "\"sndbuf_bytes\": {}, "
        "\"dmb_bytes\": {}}}",
        out.size() > 1 ? "," : "", g.id, hex_id(g.id), g.vlan_id, json_string(g.pnetid),
        g.connections, g.gid, g.peer_gid, g.chid, v2_json(g.v2), g.sndbuf_bytes, g.dmb_bytes);
  }
  return out + (out.size() > 1 ? "\n]\n" : "]\n");
}

}  // namespace smc
