#include "core/kernel/smc_diag.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include <cstring>
#include <vector>

namespace smc {
namespace {

// A reply as net/smc/smc_diag.c builds it: struct smc_diag_msg, then the
// SHUTDOWN, FALLBACK and (when asked and connected) CONNINFO attributes.
struct FakeSocket {
  std::uint8_t state = kSmcActive;
  std::uint8_t mode = kSmcDiagModeSmcD;
  std::uint64_t inode = 4242;
  std::uint32_t uid = 1000;
  const char* src = "127.0.0.1";
  const char* dst = "127.0.0.1";
  std::uint16_t sport = 40000;
  std::uint16_t dport = 8080;
  std::uint8_t shutdown = 0;
  std::uint32_t reason = 0;
  std::uint32_t peer = 0;
  bool conninfo = true;
  const char* ibname = nullptr;  // sends SMC_DIAG_LGRINFO when set
};

std::vector<std::byte> reply(const FakeSocket& f) {
  unsigned char msg[64] = {};  // struct smc_diag_msg
  msg[0] = 43;
  msg[1] = f.state;
  msg[2] = f.mode;
  inet_diag_sockid id{};
  id.idiag_sport = htons(f.sport);
  id.idiag_dport = htons(f.dport);
  const int family = std::strchr(f.src, ':') ? AF_INET6 : AF_INET;
  if (f.src[0] != '\0') inet_pton(family, f.src, id.idiag_src);
  if (f.dst[0] != '\0') inet_pton(family, f.dst, id.idiag_dst);
  std::memcpy(msg + 4, &id, sizeof id);
  std::memcpy(msg + 4 + sizeof id, &f.uid, 4);
  std::memcpy(msg + 56, &f.inode, 8);

  NetlinkRequest r(SOCK_DIAG_BY_FAMILY, NLM_F_MULTI);
  r.payload(msg, sizeof msg).attribute(3, &f.shutdown, 1);
  const std::uint32_t fallback[2] = {f.reason, f.peer};
  r.attribute(5, fallback, sizeof fallback);
  if (f.conninfo) {
    std::uint32_t info[23] = {};  // struct smc_diag_conninfo, 92 bytes
    info[0] = 77;                 // token
    info[1] = 262144;             // sndbuf_size
    info[2] = 131072;             // rmbe_size
    info[3] = 65536;              // peer_rmbe_size
    r.attribute(1, info, sizeof info);
  }
  if (f.ibname != nullptr) {
    unsigned char lgr[147] = {};  // struct smc_diag_lgrinfo
    lgr[0] = 1;                   // lnk[0].link_id
    std::strcpy(reinterpret_cast<char*>(lgr + 1), f.ibname);
    lgr[65] = 1;  // ibport
    std::strcpy(reinterpret_cast<char*>(lgr + 66), "0000:0000:0000:0000:0000:ffff:c612:0001");
    std::strcpy(reinterpret_cast<char*>(lgr + 106), "0000:0000:0000:0000:0000:ffff:c612:0002");
    lgr[146] = 1;  // role: server
    r.attribute(2, lgr, sizeof lgr);
  }
  return r.bytes(1);
}

SmcSocket parse(const FakeSocket& f) {
  const auto bytes = reply(f);
  const auto messages = split_messages(bytes);
  REQUIRE(messages);
  REQUIRE(messages->size() == 1);
  const auto s = parse_smc_diag((*messages)[0].payload);
  REQUIRE(s);
  return *s;
}

TEST_CASE("SMC_DIAG reply gives mode, inode, uid, endpoints and buffers") {
  const SmcSocket s = parse(FakeSocket{});
  CHECK(s.inode == 4242);
  CHECK(s.uid == 1000);
  CHECK(s.state == kSmcActive);
  CHECK(std::string(mode_name(s.mode)) == "SMCD");
  CHECK(s.local == "127.0.0.1:40000");
  CHECK(s.peer == "127.0.0.1:8080");
  CHECK(s.fallback_reason == 0);
  REQUIRE(s.buffers);
  CHECK(s.buffers->token == 77);
  CHECK(s.buffers->sndbuf == 262144);
  CHECK(s.buffers->rmbe == 131072);
  CHECK(s.buffers->peer_rmbe == 65536);
}

TEST_CASE("SMC_DIAG reply shows IPv6, unbound and listening endpoints") {
  FakeSocket v6;
  v6.src = "::1";
  v6.dst = "::1";
  CHECK(parse(v6).local == "[::1]:40000");
  FakeSocket listening;
  listening.state = kSmcListen;
  listening.src = "";
  listening.dst = "";
  listening.dport = 0;
  listening.conninfo = false;
  const SmcSocket s = parse(listening);
  CHECK(s.local == "*:40000");
  CHECK(s.peer == "*:0");
  CHECK(std::string(state_name(s.state)) == "LISTEN");
  CHECK_FALSE(s.buffers);
}

TEST_CASE("SMC_DIAG reply carries fallback reasons and shutdown") {
  FakeSocket f;
  f.mode = kSmcDiagModeFallbackTcp;
  f.reason = 0x03010000;
  f.peer = 0x03030008;
  f.shutdown = 3;
  f.conninfo = false;
  const SmcSocket s = parse(f);
  CHECK(std::string(mode_name(s.mode)) == "TCP");
  CHECK(s.fallback_reason == 0x03010000);
  CHECK(s.peer_diagnosis == 0x03030008);
  CHECK(s.shutdown == 3);
}

TEST_CASE("SMC_DIAG parser rejects short, foreign and broken messages") {
  const auto bytes = reply(FakeSocket{});
  const auto m = (*split_messages(bytes))[0];
  CHECK_FALSE(parse_smc_diag(m.payload.first(63)));
  std::vector<std::byte> foreign(m.payload.begin(), m.payload.end());
  foreign[0] = std::byte{1};  // AF_UNIX: not an SMC socket
  CHECK_FALSE(parse_smc_diag(foreign));
  std::vector<std::byte> broken(m.payload.begin(), m.payload.end());
  broken[64] = std::byte{0xff};  // first attribute's length runs off the end
  CHECK_FALSE(parse_smc_diag(broken));
}

TEST_CASE("SMC_DIAG reply of an IPPROTO_SMC socket has its INET family") {
  const auto bytes = reply(FakeSocket{});
  const auto m = (*split_messages(bytes))[0];
  for (const int family : {AF_INET, AF_INET6, 43}) {
    CAPTURE(family);
    std::vector<std::byte> copy(m.payload.begin(), m.payload.end());
    copy[0] = static_cast<std::byte>(family);
    const auto s = parse_smc_diag(copy);
    REQUIRE(s);
    CHECK(s->family == family);
    CHECK(s->inode == 4242);
  }
}

TEST_CASE("SMC_DIAG reply of an SMC-R connection names its device and GIDs") {
  FakeSocket f;
  f.mode = kSmcDiagModeSmcR;
  f.ibname = "rxe0";
  const SmcSocket s = parse(f);
  REQUIRE(s.link);
  CHECK(s.link->ib_device == "rxe0");
  CHECK(s.link->ib_port == 1);
  CHECK(s.link->link_id == 1);
  CHECK(s.link->role == kSmcLgrRoleServer);
  CHECK(s.link->gid == "0000:0000:0000:0000:0000:ffff:c612:0001");
  CHECK(s.link->peer_gid == "0000:0000:0000:0000:0000:ffff:c612:0002");
  CHECK_FALSE(s.link->link_group);
  CHECK_FALSE(parse(FakeSocket{}).link);
}

TEST_CASE("SMC_DIAG request dumps AF_SMC with connection and link info") {
  const auto bytes = smc_diag_request().bytes(9);
  const auto m = split_messages(bytes);
  REQUIRE(m);
  CHECK((*m)[0].type == SOCK_DIAG_BY_FAMILY);
  CHECK((*m)[0].flags == (NLM_F_REQUEST | NLM_F_DUMP));
  REQUIRE((*m)[0].payload.size() == 4 + sizeof(inet_diag_sockid));
  CHECK(static_cast<int>((*m)[0].payload[0]) == 43);
  // 1 << (CONNINFO - 1) | 1 << (LGRINFO - 1)
  CHECK(static_cast<int>((*m)[0].payload[3]) == 3);
}

TEST_CASE("decline codes have the kernel's names") {
  struct Row {
    std::uint32_t code;
    const char* text;
  };
  const Row rows[] = {
      {0x03010000, "0x03010000 PEERNOSMC"},
      {0x03030000, "0x03030000 NOSMCDEV"},
      {0x03030008, "0x03030008 NOUEID"},
      {0x05000000, "0x05000000 PEERDECL"},
      {0x09990003, "0x09990003 ERR_REGBUF"},
      {0x12345678, "0x12345678"},
      {0, "0x00000000"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.code);
    CHECK(describe_decline(row.code) == row.text);
  }
  CHECK(std::string(decline_text(0x03010000)) == "peer did not indicate SMC");
  CHECK(decline_name(0x12345678) == nullptr);
}

// host_only: asks this machine's kernel over NETLINK_SOCK_DIAG, which qemu-user
// does not carry for other architectures (.bazelrc, config cross).
TEST_CASE("SMC socket listing explains a kernel without SMC_DIAG" *
          doctest::test_suite("host_only")) {
  const auto r = list_smc_sockets();
  if (r.ok()) return;  // a kernel with SMC_DIAG: nothing to explain
  CHECK(r.error().message ==
        "cannot list SMC sockets: this kernel has no SMC_DIAG (load it with: "
        "modprobe smc_diag)");
}

}  // namespace
}  // namespace smc
