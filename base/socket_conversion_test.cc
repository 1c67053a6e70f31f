#include "base/socket_conversion.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

namespace smc {
namespace {

TEST_CASE("socket conversion finds exactly the TCP sockets") {
  constexpr int kNb = SOCK_NONBLOCK;
  constexpr int kCx = SOCK_CLOEXEC;
  const struct {
    SocketCall call;
    bool tcp;
  } rows[] = {
      // TCP over IPv4 and IPv6, with protocol 0 or IPPROTO_TCP, any flags.
      {{AF_INET, SOCK_STREAM, 0}, true},
      {{AF_INET, SOCK_STREAM, IPPROTO_TCP}, true},
      {{AF_INET6, SOCK_STREAM, 0}, true},
      {{AF_INET6, SOCK_STREAM, IPPROTO_TCP}, true},
      {{AF_INET, SOCK_STREAM | kNb, 0}, true},
      {{AF_INET6, SOCK_STREAM | kCx, IPPROTO_TCP}, true},
      {{AF_INET, SOCK_STREAM | kNb | kCx, 0}, true},
      // Not TCP: other types.
      {{AF_INET, SOCK_DGRAM, 0}, false},
      {{AF_INET, SOCK_DGRAM | kCx, IPPROTO_UDP}, false},
      {{AF_INET6, SOCK_DGRAM, 0}, false},
      {{AF_INET, SOCK_RAW, IPPROTO_TCP}, false},
      {{AF_INET, SOCK_SEQPACKET, 0}, false},
      // Not TCP: other protocols on a stream socket (MPTCP, SCTP, SMC).
      {{AF_INET, SOCK_STREAM, IPPROTO_MPTCP}, false},
      {{AF_INET, SOCK_STREAM, IPPROTO_SCTP}, false},
      {{AF_INET6, SOCK_STREAM, IPPROTO_UDP}, false},
      {{AF_INET, SOCK_STREAM, kIpprotoSmc}, false},
      {{AF_INET6, SOCK_STREAM, kIpprotoSmc}, false},
      // Not TCP: other families.
      {{AF_UNIX, SOCK_STREAM, 0}, false},
      {{AF_UNIX, SOCK_DGRAM, 0}, false},
      {{AF_NETLINK, SOCK_RAW, 0}, false},
      {{AF_PACKET, SOCK_RAW, 0}, false},
      {{kAfSmc, SOCK_STREAM, kSmcProtoSmc}, false},
      {{kAfSmc, SOCK_STREAM, kSmcProtoSmc6}, false},
      {{-1, SOCK_STREAM, 0}, false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.call.domain);
    CAPTURE(row.call.type);
    CAPTURE(row.call.protocol);
    CHECK(is_tcp_socket(row.call) == row.tcp);
  }
}

TEST_CASE("socket conversion makes the SMC socket of each mechanism, flags kept") {
  constexpr int kFlags = SOCK_NONBLOCK | SOCK_CLOEXEC;
  const struct {
    SocketCall tcp;
    Mechanism mechanism;
    SocketCall smc;
  } rows[] = {
      {{AF_INET, SOCK_STREAM, 0}, Mechanism::kSmc,
       {kAfSmc, SOCK_STREAM, kSmcProtoSmc}},
      {{AF_INET6, SOCK_STREAM, IPPROTO_TCP}, Mechanism::kSmc,
       {kAfSmc, SOCK_STREAM, kSmcProtoSmc6}},
      {{AF_INET6, SOCK_STREAM | kFlags, 0}, Mechanism::kSmc,
       {kAfSmc, SOCK_STREAM | kFlags, kSmcProtoSmc6}},
      {{AF_INET, SOCK_STREAM, IPPROTO_TCP}, Mechanism::kInet,
       {AF_INET, SOCK_STREAM, kIpprotoSmc}},
      {{AF_INET6, SOCK_STREAM, 0}, Mechanism::kInet,
       {AF_INET6, SOCK_STREAM, kIpprotoSmc}},
      {{AF_INET, SOCK_STREAM | kFlags, 0}, Mechanism::kInet,
       {AF_INET, SOCK_STREAM | kFlags, kIpprotoSmc}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.tcp.domain);
    CAPTURE(static_cast<int>(row.mechanism));
    const SocketCall smc = smc_socket(row.tcp, row.mechanism);
    CHECK(smc.domain == row.smc.domain);
    CHECK(smc.type == row.smc.type);
    CHECK(smc.protocol == row.smc.protocol);
  }
}

TEST_CASE("socket conversion tries inet then AF_SMC for auto, one for the others") {
  Mechanism order[2];
  REQUIRE(mechanisms_for(Family::kAuto, order) == 2);
  CHECK(order[0] == Mechanism::kInet);
  CHECK(order[1] == Mechanism::kSmc);
  REQUIRE(mechanisms_for(Family::kSmc, order) == 1);
  CHECK(order[0] == Mechanism::kSmc);
  REQUIRE(mechanisms_for(Family::kInet, order) == 1);
  CHECK(order[0] == Mechanism::kInet);
}

TEST_CASE("socket conversion moves on only when SMC is missing or refused") {
  const struct {
    int error;
    bool unavailable;
  } rows[] = {
      {EAFNOSUPPORT, true}, {EPROTONOSUPPORT, true}, {ESOCKTNOSUPPORT, true},
      {EPERM, true},        {EACCES, true},          {EMFILE, false},
      {ENFILE, false},      {ENOBUFS, false},        {ENOMEM, false},
      {EINVAL, false},      {EINTR, false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.error);
    CHECK(smc_unavailable(row.error) == row.unavailable);
  }
}

}  // namespace
}  // namespace smc
