#include "base/smc_diag_message.h"

#include <doctest/doctest.h>
#include <linux/netlink.h>
#include <sys/socket.h>

#include <cstring>
#include <string>
#include <vector>

namespace smc {
namespace {

// Appends one attribute as the kernel does: header, data, padding to 4.
void attribute(std::vector<unsigned char>& out, std::uint16_t type, const void* data,
               std::uint16_t length) {
  const std::uint16_t header[2] = {static_cast<std::uint16_t>(NLA_HDRLEN + length), type};
  const std::size_t at = out.size();
  out.resize(at + NLA_ALIGN(NLA_HDRLEN + length));
  std::memcpy(out.data() + at, header, sizeof header);
  std::memcpy(out.data() + at + NLA_HDRLEN, data, length);
}

// A reply payload as net/smc/smc_diag.c builds it: struct smc_diag_msg,
// then SHUTDOWN, FALLBACK and, when asked for, CONNINFO.
std::vector<unsigned char> payload(std::uint8_t family, bool conninfo) {
  SmcDiagMessage m{};
  m.family = family;
  m.state = kSmcActive;
  m.mode = kSmcDiagModeFallbackTcp;
  m.uid = 1000;
  m.inode = 4242;
  std::vector<unsigned char> out(sizeof m);
  std::memcpy(out.data(), &m, sizeof m);
  const std::uint8_t shutdown = 3;
  attribute(out, kSmcDiagShutdown, &shutdown, 1);
  const SmcDiagFallback fallback{kDeclPeerNoSmc, kDeclNoUeid};
  attribute(out, kSmcDiagFallback, &fallback, sizeof fallback);
  if (conninfo) {
    SmcDiagConnInfo info{};
    info.token = 77;
    info.rmbe_size = 131072;
    attribute(out, kSmcDiagConnInfo, &info, sizeof info);
  }
  return out;
}

TEST_CASE("SMC_DIAG decoder reads the message head and every attribute") {
  const auto bytes = payload(kAfSmc, true);
  SmcDiagReply r{};
  REQUIRE(decode_smc_diag(bytes.data(), bytes.size(), &r));
  CHECK(r.message.family == kAfSmc);
  CHECK(r.message.inode == 4242);
  CHECK(r.message.uid == 1000);
  CHECK(r.message.mode == kSmcDiagModeFallbackTcp);
  CHECK(r.shutdown == 3);
  CHECK(r.fallback.reason == kDeclPeerNoSmc);
  CHECK(r.fallback.peer_diagnosis == kDeclNoUeid);
  REQUIRE(r.has_conninfo);
  CHECK(r.conninfo.token == 77);
  CHECK(r.conninfo.rmbe_size == 131072);
}

TEST_CASE("SMC_DIAG decoder takes IPPROTO_SMC sockets and leaves out what was not sent") {
  for (const std::uint8_t family : {AF_INET, AF_INET6}) {
    const auto bytes = payload(family, false);
    SmcDiagReply r{};
    REQUIRE(decode_smc_diag(bytes.data(), bytes.size(), &r));
    CHECK(r.message.family == family);
    CHECK_FALSE(r.has_conninfo);
  }
}

TEST_CASE("SMC_DIAG decoder refuses short, foreign and overrunning messages") {
  const auto good = payload(kAfSmc, false);
  SmcDiagReply r{};
  CHECK_FALSE(decode_smc_diag(good.data(), sizeof(SmcDiagMessage) - 1, &r));
  auto foreign = good;
  foreign[0] = AF_UNIX;
  CHECK_FALSE(decode_smc_diag(foreign.data(), foreign.size(), &r));
  auto overrun = good;
  overrun[sizeof(SmcDiagMessage)] = 0xff;  // the first attribute's length
  CHECK_FALSE(decode_smc_diag(overrun.data(), overrun.size(), &r));
  auto trailing = good;
  trailing.push_back(0);  // a stray byte after the last attribute
  CHECK_FALSE(decode_smc_diag(trailing.data(), trailing.size(), &r));
}

TEST_CASE("SMC_DIAG decoder reads an SMC-R connection's link and ends its names") {
  auto bytes = payload(kAfSmc, true);
  SmcDiagLgrInfo info{};
  info.link.link_id = 1;
  std::memcpy(info.link.ibname, "rxe0", 4);
  info.link.ibport = 1;
  std::memcpy(info.link.gid, "0000:0000:0000:0000:0000:ffff:c612:0001", 39);
  std::memset(info.link.peer_gid, 'x', sizeof info.link.peer_gid);  // no NUL
  info.role = kSmcLgrRoleServer;
  attribute(bytes, kSmcDiagLgrInfo, &info, sizeof info);
  SmcDiagReply r{};
  REQUIRE(decode_smc_diag(bytes.data(), bytes.size(), &r));
  REQUIRE(r.has_lgrinfo);
  CHECK(r.has_conninfo);
  CHECK(std::string(r.lgrinfo.link.ibname) == "rxe0");
  CHECK(r.lgrinfo.link.ibport == 1);
  CHECK(r.lgrinfo.link.link_id == 1);
  CHECK(std::string(r.lgrinfo.link.gid) == "0000:0000:0000:0000:0000:ffff:c612:0001");
  CHECK(std::string(r.lgrinfo.link.peer_gid) == std::string(39, 'x'));
  CHECK(r.lgrinfo.role == kSmcLgrRoleServer);
  CHECK_FALSE(decode_smc_diag(payload(kAfSmc, false).data(), 0, &r));
  SmcDiagReply plain{};
  const auto without = payload(kAfSmc, false);
  REQUIRE(decode_smc_diag(without.data(), without.size(), &plain));
  CHECK_FALSE(plain.has_lgrinfo);
}

TEST_CASE("SMC_DIAG dump request asks for AF_SMC and the given extensions") {
  const SmcDiagRequest plain = smc_diag_dump(0);
  CHECK(plain.family == kAfSmc);
  CHECK(plain.ext == 0);
  CHECK(smc_diag_dump(smc_diag_extension(kSmcDiagConnInfo)).ext == 1);
  CHECK(smc_diag_extension(kSmcDiagLgrInfo) == 2);
  CHECK(smc_diag_extension(kSmcDiagFallback) == 16);
}

}  // namespace
}  // namespace smc
