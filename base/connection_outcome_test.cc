#include "base/connection_outcome.h"

#include <doctest/doctest.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include <cstring>

#include "base/decline.h"
#include <vector>

namespace smc {
namespace {

// One SOCK_DIAG_BY_FAMILY message as net/smc/smc_diag.c builds it: struct
// smc_diag_msg (mode at 2, inode at 56), then an SMC_DIAG_FALLBACK
// attribute (type 5) with our reason and the peer's.
void add_socket(std::vector<unsigned char>& out, std::uint64_t inode,
                std::uint8_t mode, std::uint32_t reason, std::uint32_t peer) {
  unsigned char msg[64] = {};
  msg[0] = 2;  // AF_INET: an IPPROTO_SMC socket
  msg[2] = mode;
  std::memcpy(msg + 56, &inode, 8);
  const std::uint16_t attr_len = 4 + 8;
  const std::uint16_t attr_type = 5;
  nlmsghdr h{};
  h.nlmsg_len = NLMSG_HDRLEN + sizeof msg + attr_len;
  h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  const std::size_t at = out.size();
  out.resize(at + NLMSG_ALIGN(h.nlmsg_len));
  unsigned char* p = out.data() + at;
  std::memcpy(p, &h, sizeof h);
  std::memcpy(p + NLMSG_HDRLEN, msg, sizeof msg);
  unsigned char* a = p + NLMSG_HDRLEN + sizeof msg;
  std::memcpy(a, &attr_len, 2);
  std::memcpy(a + 2, &attr_type, 2);
  std::memcpy(a + 4, &reason, 4);
  std::memcpy(a + 8, &peer, 4);
}

void add_done(std::vector<unsigned char>& out) {
  nlmsghdr h{};
  h.nlmsg_len = NLMSG_HDRLEN + 4;
  h.nlmsg_type = NLMSG_DONE;
  const std::size_t at = out.size();
  out.resize(at + h.nlmsg_len);
  std::memcpy(out.data() + at, &h, sizeof h);
}

TEST_CASE("outcome is found by inode among several sockets, from their mode") {
  std::vector<unsigned char> dump;
  add_socket(dump, 100, 2, 0, 0);                    // SMC-D
  add_socket(dump, 200, 0, 0, 0);                    // SMC-R
  add_socket(dump, 300, 1, 0x03010000, 0x03030000);  // fallback
  const struct {
    std::uint64_t inode;
    Outcome outcome;
    std::uint32_t reason;
    std::uint32_t peer;
  } rows[] = {
      {100, Outcome::kSmcD, 0, 0},
      {200, Outcome::kSmcR, 0, 0},
      {300, Outcome::kFallback, 0x03010000, 0x03030000},
  };
  for (const auto& row : rows) {
    CAPTURE(row.inode);
    ConnectionOutcome v{};
    bool done = false;
    REQUIRE(find_outcome(dump.data(), dump.size(), row.inode, &v, &done));
    CHECK(v.outcome == row.outcome);
    CHECK(v.reason == row.reason);
    CHECK(v.peer_reason == row.peer);
  }
}

TEST_CASE("outcome search stops at the end of the dump without a match") {
  std::vector<unsigned char> dump;
  add_socket(dump, 100, 2, 0, 0);
  bool done = false;
  ConnectionOutcome v{};
  CHECK_FALSE(find_outcome(dump.data(), dump.size(), 999, &v, &done));
  CHECK_FALSE(done);  // more chunks may follow
  add_done(dump);
  CHECK_FALSE(find_outcome(dump.data(), dump.size(), 999, &v, &done));
  CHECK(done);
}

TEST_CASE("outcome search treats a message running past the chunk as the end") {
  std::vector<unsigned char> dump;
  add_socket(dump, 100, 2, 0, 0);
  dump.resize(dump.size() - 20);  // cut: the header's length overruns
  bool done = false;
  ConnectionOutcome v{};
  CHECK_FALSE(find_outcome(dump.data(), dump.size(), 100, &v, &done));
  CHECK(done);
}

TEST_CASE("outcome request dumps AF_SMC sockets") {
  unsigned char request[128];
  const std::size_t length = outcome_request(request, sizeof request);
  REQUIRE(length == NLMSG_LENGTH(52));
  nlmsghdr h;
  std::memcpy(&h, request, sizeof h);
  CHECK(h.nlmsg_type == SOCK_DIAG_BY_FAMILY);
  CHECK(h.nlmsg_flags == (NLM_F_REQUEST | NLM_F_DUMP));
  CHECK(request[NLMSG_HDRLEN] == 43);
  CHECK(outcome_request(request, 10) == 0);
}

TEST_CASE("outcomes and decline reasons have the kernel's names") {
  CHECK(std::strcmp(decline_name(0x03010000), "PEERNOSMC") == 0);
  CHECK(std::strcmp(decline_name(0x03030000), "NOSMCDEV") == 0);
  CHECK(std::strcmp(decline_name(0x05000000), "PEERDECL") == 0);
  CHECK(decline_name(0x12345678) == nullptr);
  CHECK(std::strcmp(outcome_name(Outcome::kSmcD), "SMC-D") == 0);
  CHECK(std::strcmp(outcome_name(Outcome::kFallback), "TCP fallback") == 0);
}


TEST_CASE("outcome from a mode: SMC-D, SMC-R, fallback with its reasons, else unknown") {
  ConnectionOutcome o = outcome_of_mode(kSmcDiagModeSmcD, 7, 8);
  CHECK(o.outcome == Outcome::kSmcD);
  CHECK(o.reason == 0);
  CHECK(outcome_of_mode(kSmcDiagModeSmcR, 0, 0).outcome == Outcome::kSmcR);
  o = outcome_of_mode(kSmcDiagModeFallbackTcp, kDeclPeerNoSmc, kDeclNoSmcDev);
  CHECK(o.outcome == Outcome::kFallback);
  CHECK(o.reason == kDeclPeerNoSmc);
  CHECK(o.peer_reason == kDeclNoSmcDev);
  CHECK(outcome_of_mode(9, 0, 0).outcome == Outcome::kUnknown);
}

TEST_CASE("a connection is settled once past INIT, and never while listening or closed") {
  CHECK(connection_settled(kSmcActive));
  CHECK(connection_settled(kSmcPeerCloseWait1));
  CHECK(connection_settled(kSmcAppFinCloseWait));
  CHECK_FALSE(connection_settled(kSmcInit));
  CHECK_FALSE(connection_settled(kSmcListen));
  CHECK_FALSE(connection_settled(kSmcClosed));
}

}  // namespace
}  // namespace smc
