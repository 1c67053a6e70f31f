#include "core/toolbox/smcss/smcss.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace smc {
namespace {

SmcSocket sock(std::uint64_t inode, std::uint8_t state, std::uint8_t mode) {
  SmcSocket s;
  s.inode = inode;
  s.state = state;
  s.mode = mode;
  s.local = "127.0.0.1:40000";
  s.peer = "127.0.0.1:8080";
  return s;
}

std::vector<std::uint64_t> inodes(const std::vector<SmcSocket>& sockets) {
  std::vector<std::uint64_t> out;
  for (const SmcSocket& s : sockets) out.push_back(s.inode);
  return out;
}

const std::vector<SmcSocket> kMixed = {
    sock(1, kSmcListen, kSmcDiagModeSmcR),   sock(2, kSmcActive, kSmcDiagModeSmcD),
    sock(3, kSmcActive, kSmcDiagModeSmcR),   sock(4, kSmcActive, kSmcDiagModeFallbackTcp),
    sock(5, 2 /* INIT */, kSmcDiagModeSmcR),
};

TEST_CASE("smcss leaves listening sockets out unless -a or -l") {
  struct Row {
    SmcssOptions options;
    std::vector<std::uint64_t> inodes;
  };
  SmcssOptions all, listening, smcd, smcr, all_smcd;
  all.all = true;
  listening.listening = true;
  smcd.smcd = true;
  smcr.smcr = true;
  all_smcd.all = all_smcd.smcd = true;
  const Row rows[] = {
      {SmcssOptions{}, {2, 3, 4, 5}}, {all, {1, 2, 3, 4, 5}},
      {listening, {1}},               {smcd, {2}},
      {smcr, {3, 5}},                 {all_smcd, {2}},
  };
  for (const Row& row : rows) {
    CHECK(inodes(select_sockets(kMixed, row.options)) == row.inodes);
  }
}

TEST_CASE("smcss mode column names the fallback reasons of both sides") {
  CHECK(mode_text(sock(1, kSmcActive, kSmcDiagModeSmcD)) == "SMCD");
  CHECK(mode_text(sock(1, kSmcActive, kSmcDiagModeSmcR)) == "SMCR");
  CHECK(mode_text(sock(1, kSmcListen, kSmcDiagModeSmcR)) == "-");
  SmcSocket fallback = sock(1, kSmcActive, kSmcDiagModeFallbackTcp);
  fallback.fallback_reason = 0x03010000;
  CHECK(mode_text(fallback) == "TCP 0x03010000 PEERNOSMC");
  fallback.fallback_reason = 0x05000000;
  fallback.peer_diagnosis = 0x03030008;
  CHECK(mode_text(fallback) == "TCP 0x05000000 PEERDECL/0x03030008 NOUEID");
}

TEST_CASE("smcss table has aligned columns and -d adds buffers") {
  SmcSocket s = sock(12345, kSmcActive, kSmcDiagModeSmcD);
  s.uid = 1000;
  s.shutdown = 1;
  s.buffers = SmcBuffers{0xabc, 65536, 262144, 131072};
  const std::string plain = format_table({s}, false, false);
  CHECK(plain ==
        "State  UID  Inode Local Address   Peer Address   Intf Mode\n"
        "ACTIVE 1000 12345 127.0.0.1:40000 127.0.0.1:8080 0    SMCD\n");
  CHECK(format_table({s}, true, false) ==
        "State  UID  Inode Local Address   Peer Address   Intf Mode ShutD "
        "Token    Sndbuf Rcvbuf Peerbuf\n"
        "ACTIVE 1000 12345 127.0.0.1:40000 127.0.0.1:8080 0    SMCD R->   "
        "00000abc 65536  262144 131072\n");
  CHECK(format_table({}, false, false) ==
        "State UID Inode Local Address Peer Address Intf Mode\n");
}

SmcLinkInfo link(std::uint8_t role, std::uint8_t id, const char* peer_gid) {
  return SmcLinkInfo{role, "rxe0", 1, id, "gid-a", peer_gid, std::nullopt};
}

SmcrLinkGroup group(std::uint32_t id, std::uint8_t role, std::vector<SmcrLink> links) {
  SmcrLinkGroup g;
  g.id = id;
  g.role = role;
  g.links = std::move(links);
  return g;
}

SmcrLink group_link(std::uint8_t id, const char* peer_gid) {
  SmcrLink l;
  l.id = id;
  l.ib_device = "rxe0";
  l.ib_port = 1;
  l.gid = "gid-a";
  l.peer_gid = peer_gid;
  return l;
}

TEST_CASE("smcss names the one link group holding a socket's link") {
  const std::vector<SmcrLinkGroup> groups = {
      group(0x100, kSmcLgrRoleClient, {group_link(1, "gid-b")}),
      group(0x200, kSmcLgrRoleServer, {group_link(1, "gid-b"), group_link(2, "gid-b")}),
      group(0x300, kSmcLgrRoleServer, {group_link(1, "gid-c")}),
      group(0x400, kSmcLgrRoleServer, {group_link(1, "gid-c")}),
  };
  struct Row {
    SmcLinkInfo link;
    std::optional<std::uint32_t> id;
  };
  const Row rows[] = {
      {link(kSmcLgrRoleClient, 1, "gid-b"), 0x100},
      {link(kSmcLgrRoleServer, 1, "gid-b"), 0x200},  // the same link, the other role
      {link(kSmcLgrRoleServer, 2, "gid-b"), 0x200},
      {link(kSmcLgrRoleClient, 2, "gid-b"), std::nullopt},  // no such link
      {link(kSmcLgrRoleServer, 1, "gid-c"), std::nullopt},  // two groups hold it
  };
  for (const Row& row : rows) {
    std::vector<SmcSocket> sockets = {sock(1, kSmcActive, kSmcDiagModeSmcR)};
    sockets[0].link = row.link;
    assign_link_groups(sockets, groups);
    CHECK(sockets[0].link->link_group == row.id);
  }
  std::vector<SmcSocket> no_link = {sock(2, kSmcActive, kSmcDiagModeSmcD)};
  assign_link_groups(no_link, groups);
  CHECK_FALSE(no_link[0].link);
}

TEST_CASE("smcss -R adds each SMC-R socket's link group and link") {
  SmcSocket s = sock(7, kSmcActive, kSmcDiagModeSmcR);
  s.link = SmcLinkInfo{kSmcLgrRoleServer, "rxe0", 1, 1, "0000:ffff:c612:0001",
                       "0000:ffff:c612:0002", 0x2d00};
  SmcSocket unknown = s;
  unknown.inode = 8;
  unknown.link->link_group.reset();
  SmcSocket listening = sock(9, kSmcListen, kSmcDiagModeSmcR);
  CHECK(format_table({s, unknown, listening}, false, true) ==
        "State  UID Inode Local Address   Peer Address   Intf Mode Role LG-ID    IB-Dev Port "
        "Link GID                 Peer-GID\n"
        "ACTIVE 0   7     127.0.0.1:40000 127.0.0.1:8080 0    SMCR SERV 00002d00 rxe0   1    "
        "1    0000:ffff:c612:0001 0000:ffff:c612:0002\n"
        "ACTIVE 0   8     127.0.0.1:40000 127.0.0.1:8080 0    SMCR SERV -        rxe0   1    "
        "1    0000:ffff:c612:0001 0000:ffff:c612:0002\n"
        "LISTEN 0   9     127.0.0.1:40000 127.0.0.1:8080 0    -    -    -        -      -    "
        "-    -                   -\n");
}

TEST_CASE("smcss JSON holds every field and names reasons") {
  SmcSocket s = sock(7, kSmcActive, kSmcDiagModeFallbackTcp);
  s.fallback_reason = 0x03030000;
  const std::string json = format_json({s});
  CHECK(json ==
        "[\n  {\"inode\": 7, \"uid\": 0, \"state\": \"ACTIVE\", \"mode\": "
        "\"TCP\", \"local\": \"127.0.0.1:40000\", \"peer\": "
        "\"127.0.0.1:8080\", \"interface\": 0, \"shutdown\": 0, "
        "\"fallback_reason\": 50528256, \"fallback_name\": \"NOSMCDEV\", "
        "\"peer_diagnosis\": 0, \"peer_diagnosis_name\": null}\n]\n");
  CHECK(format_json({}) == "[]\n");
  s.buffers = SmcBuffers{1, 2, 3, 4};
  CHECK(format_json({s}).find("\"token\": 1, \"sndbuf\": 2, \"rmbe\": 3, "
                              "\"peer_rmbe\": 4}") != std::string::npos);
}

}  // namespace
}  // namespace smc
