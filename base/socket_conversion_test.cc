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

TEST_CASE("socket conversion makes the SMC socket of each kind, flags kept") {
  constexpr int kFlags = SOCK_NONBLOCK | SOCK_CLOEXEC;
  const struct {
    SocketCall tcp;
    SmcSocketKind kind;
    SocketCall smc;
  } rows[] = {
      {{AF_INET, SOCK_STREAM, 0}, SmcSocketKind::kSmc,
       {kAfSmc, SOCK_STREAM, kSmcProtoSmc}},
      {{AF_INET6, SOCK_STREAM, IPPROTO_TCP}, SmcSocketKind::kSmc,
       {kAfSmc, SOCK_STREAM, kSmcProtoSmc6}},
      {{AF_INET6, SOCK_STREAM | kFlags, 0}, SmcSocketKind::kSmc,
       {kAfSmc, SOCK_STREAM | kFlags, kSmcProtoSmc6}},
      {{AF_INET, SOCK_STREAM, IPPROTO_TCP}, SmcSocketKind::kInet,
       {AF_INET, SOCK_STREAM, kIpprotoSmc}},
      {{AF_INET6, SOCK_STREAM, 0}, SmcSocketKind::kInet,
       {AF_INET6, SOCK_STREAM, kIpprotoSmc}},
      {{AF_INET, SOCK_STREAM | kFlags, 0}, SmcSocketKind::kInet,
       {AF_INET, SOCK_STREAM | kFlags, kIpprotoSmc}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.tcp.domain);
    CAPTURE(static_cast<int>(row.kind));
    const SocketCall smc = smc_socket(row.tcp, row.kind);
    CHECK(smc.domain == row.smc.domain);
    CHECK(smc.type == row.smc.type);
    CHECK(smc.protocol == row.smc.protocol);
  }
}

TEST_CASE("socket conversion tries inet then AF_SMC for auto, one for the others") {
  SmcSocketKind order[2];
  REQUIRE(kinds_for(Family::kAuto, order) == 2);
  CHECK(order[0] == SmcSocketKind::kInet);
  CHECK(order[1] == SmcSocketKind::kSmc);
  REQUIRE(kinds_for(Family::kSmc, order) == 1);
  CHECK(order[0] == SmcSocketKind::kSmc);
  REQUIRE(kinds_for(Family::kInet, order) == 1);
  CHECK(order[0] == SmcSocketKind::kInet);
}

TEST_CASE("socket conversion moves on when SMC is missing or refuses the call") {
  const struct {
    int error;
    SmcFailure meaning;
  } rows[] = {
      {EAFNOSUPPORT, SmcFailure::kMissing}, {EPROTONOSUPPORT, SmcFailure::kMissing},
      {ESOCKTNOSUPPORT, SmcFailure::kMissing}, {EPERM, SmcFailure::kMissing},
      {EACCES, SmcFailure::kMissing},       {EINVAL, SmcFailure::kThisCall},
      {EMFILE, SmcFailure::kShared},        {ENFILE, SmcFailure::kShared},
      {ENOBUFS, SmcFailure::kShared},       {ENOMEM, SmcFailure::kShared},
      {EINTR, SmcFailure::kShared},
  };
  for (const auto& row : rows) {
    CAPTURE(row.error);
    CHECK(classify_smc_failure(row.error) == row.meaning);
    CHECK(smc_unavailable(row.error) == (row.meaning == SmcFailure::kMissing));
  }
}

TEST_CASE("strict mode fails with SMC's error, or TCP's when TCP fails too") {
  const struct {
    int smc_error;
    int tcp_error;  // 0: the plain TCP call works
    int result;
  } rows[] = {
      {EAFNOSUPPORT, 0, EAFNOSUPPORT},      // SMC missing: strict says so
      {EPROTONOSUPPORT, 0, EPROTONOSUPPORT},
      {EAFNOSUPPORT, EINVAL, EINVAL},       // unknown type flags: invalid anyway
      {EINVAL, EINVAL, EINVAL},
      {EINVAL, 0, EINVAL},                  // SMC refuses what TCP takes
      {EAFNOSUPPORT, EMFILE, EMFILE},       // no descriptor left for any socket
      {EPERM, EACCES, EACCES},
  };
  for (const auto& row : rows) {
    CAPTURE(row.smc_error);
    CAPTURE(row.tcp_error);
    CHECK(strict_errno(row.smc_error, row.tcp_error) == row.result);
  }
}

}  // namespace
}  // namespace smc
