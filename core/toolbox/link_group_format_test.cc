#include "core/toolbox/link_group_format.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>

#include <string>

namespace smc {
namespace {

SmcrLink link(std::uint8_t id, std::uint32_t state, std::uint32_t netdev) {
  SmcrLink l;
  l.id = id;
  l.ib_device = "rxe0";
  l.ib_port = 1;
  l.gid = "0000:0000:0000:0000:0000:ffff:c612:0001";
  l.peer_gid = "0000:0000:0000:0000:0000:ffff:c612:0002";
  l.connections = 2;
  l.netdev_index = netdev;
  l.uid = htonl(0x11223344);
  l.peer_uid = htonl(0xaabbccdd);
  l.state = state;
  return l;
}

std::vector<SmcrLinkGroup> groups() {
  SmcrLinkGroup a;
  a.id = 0x2d00;
  a.role = 1;
  a.type = 1;
  a.connections = 2;
  a.v2 = SmcLinkGroupV2{2, 1, 2, "SMC-RUN-TESTBED", "smc-testbed-b"};
  a.direct = true;
  a.sndbuf_bytes = 131072;
  a.rmb_bytes = 131072;
  a.links = {link(1, 3, 2)};
  SmcrLinkGroup b;
  b.id = 0x3e00;
  b.vlan_id = 10;
  b.pnetid = "NET1";
  b.links = {link(1, 2, 3)};
  b.links[0].ib_device = "mlx5_0";
  return {a, b};
}

const NetdevNames kNetdevs = {{2, "eth0"}, {3, "ens1f0"}};

TEST_CASE("SMC-R link groups: one line each, or a block each with -d") {
  CHECK(smcr_link_groups_text(groups(), kNetdevs, {}, false, 0) ==
        "LG-ID    LG-Role LG-Type VLAN #Conns PNET-ID\n"
        "00002d00 SERV    SINGLE  0    2      -\n"
        "00003e00 CLNT    NONE    0xa  0      NET1\n");
  CHECK(smcr_link_groups_text(groups(), kNetdevs, {0x2d00, {}, {}}, false, 1) ==
        "LG-ID    : 00002d00\n"
        "LG-Role  : SERV\n"
        "LG-Type  : SINGLE\n"
        "VLAN     : 0\n"
        "PNET-ID  : \n"
        "Version  : 2\n"
        "Peer-Rel : 1\n"
        "Peer-Host: smc-testbed-b\n"
        "Peer-OS  : LINUX\n"
        "Direct   : Yes\n"
        "EID      : SMC-RUN-TESTBED\n"
        "#Conns   : 2\n"
        "Sndbuf   : 131072 B\n"
        "RMB      : 131072 B\n");
  CHECK(smcr_link_groups_text(groups(), kNetdevs, {0x3e00, {}, {}}, false, 1)
            .find("Version  : 1\n#Conns   : 0\n") != std::string::npos);
}

TEST_CASE("SMC-R link-show: a line per link, more columns with -d and -dd") {
  CHECK(smcr_link_groups_text(groups(), kNetdevs, {}, true, 0) ==
        "LG-ID    LG-Role LG-Type Net-Dev Link-State      #Conns\n"
        "00002d00 SERV    SINGLE  eth0    LINK_ACTIVE     2\n"
        "00003e00 CLNT    NONE    ens1f0  LINK_ACTIVATING 2\n");
  CHECK(smcr_link_groups_text(groups(), kNetdevs, {std::nullopt, "rxe0", {}}, true, 2) ==
        "LG-ID    LG-Role LG-Type Net-Dev Link-State  #Conns Link-UID Peer-UID IB-Dev IB-P "
        "Local-GID                               Peer-GID\n"
        "00002d00 SERV    SINGLE  eth0    LINK_ACTIVE 2      11223344 aabbccdd rxe0   1    "
        "0000:0000:0000:0000:0000:ffff:c612:0001 0000:0000:0000:0000:0000:ffff:c612:0002\n");
}

TEST_CASE("SMC-R link group filters: id, RDMA device, net device") {
  struct Row {
    LinkGroupFilter filter;
    std::size_t lines;
  };
  const Row rows[] = {
      {{}, 3},
      {{0x3e00, {}, {}}, 2},
      {{0x4000, {}, {}}, 1},
      {{std::nullopt, "mlx5_0", {}}, 2},
      {{std::nullopt, {}, "eth0"}, 2},
      {{0x3e00, "rxe0", {}}, 1},
  };
  for (const Row& row : rows) {
    const std::string text = smcr_link_groups_text(groups(), kNetdevs, row.filter, false, 0);
    CHECK(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) == row.lines);
  }
}

TEST_CASE("SMC-R link group JSON holds each group with its links") {
  const std::string json = smcr_link_groups_json(groups(), kNetdevs, {0x2d00, {}, {}});
  CHECK(json ==
        "[\n  {\"id\": 11520, \"id_hex\": \"00002d00\", \"role\": \"server\", \"type\": "
        "\"SINGLE\", \"vlan\": 0, \"pnetid\": \"\", \"connections\": 2, \"v2\": {\"version\": "
        "2, \"peer_release\": 1, \"peer_os\": \"LINUX\", \"peer_host\": \"smc-testbed-b\", "
        "\"negotiated_eid\": \"SMC-RUN-TESTBED\"}, \"direct\": true, \"sndbuf_bytes\": 131072, "
        "\"rmb_bytes\": 131072, \"links\": [{\"id\": 1, \"state\": \"LINK_ACTIVE\", "
        "\"ib_device\": \"rxe0\", \"ib_port\": 1, \"net_device\": \"eth0\", \"connections\": 2, "
        "\"gid\": \"0000:0000:0000:0000:0000:ffff:c612:0001\", \"peer_gid\": "
        "\"0000:0000:0000:0000:0000:ffff:c612:0002\", \"uid\": \"11223344\", \"peer_uid\": "
        "\"aabbccdd\"}]}\n]\n");
  CHECK(smcr_link_groups_json({}, kNetdevs, {}) == "[]\n");
}

TEST_CASE("SMC-D link groups: a line or a block each, and JSON") {
  SmcdLinkGroup g;
  g.id = 0x300;
  g.connections = 1;
  g.gid = 7;
  g.peer_gid = 7;
  g.v2 = SmcLinkGroupV2{2, 1, 2, "SMC-RUN-TESTBED", "smc-testbed"};
  g.sndbuf_bytes = 65536;
  g.dmb_bytes = 65536;
  CHECK(smcd_link_groups_text({g}, {}, 0) ==
        "LG-ID    VLAN #Conns PNET-ID\n"
        "00000300 0    1      -\n");
  CHECK(smcd_link_groups_text({g}, {}, 1) ==
        "LG-ID    : 00000300\nVLAN     : 0\nPNET-ID  : \nVersion  : 2\nPeer-Rel : 1\n"
        "Peer-Host: smc-testbed\nPeer-OS  : LINUX\nEID      : SMC-RUN-TESTBED\n#Conns   : 1\n"
        "Sndbuf   : 65536 B\nDMB      : 65536 B\n");
  CHECK(smcd_link_groups_json({g}, {0x301, {}, {}}) == "[]\n");
  CHECK(smcd_link_groups_json({g}, {}).find("\"gid\": \"0x0000000000000007\"") !=
        std::string::npos);
}

TEST_CASE("link group names follow smc-tools") {
  CHECK(link_group_type_name(2) == "SYM");
  CHECK(link_group_type_name(9) == "0x9?");
  CHECK(link_state_name(0) == "LINK_UNUSED");
  CHECK(link_state_name(7) == "0x7?");
  CHECK(peer_os_name(1) == "ZOS");
  CHECK(peer_os_name(9) == "Unknown (0x9)");
}

}  // namespace
}  // namespace smc
