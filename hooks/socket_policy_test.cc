#include "hooks/socket_policy.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

namespace smc {
namespace {

struct Row {
  SocketCall in;
  bool convert;
  SocketCall out;  // compared only when convert
};

TEST_CASE("socket policy turns exactly the TCP sockets into SMC sockets") {
  constexpr int kNb = SOCK_NONBLOCK;
  constexpr int kCx = SOCK_CLOEXEC;
  const Row rows[] = {
      // TCP over IPv4 and IPv6, with protocol 0 or IPPROTO_TCP.
      {{AF_INET, SOCK_STREAM, 0}, true, {kAfSmc, SOCK_STREAM, kSmcProtoSmc}},
      {{AF_INET, SOCK_STREAM, IPPROTO_TCP},
       true,
       {kAfSmc, SOCK_STREAM, kSmcProtoSmc}},
      {{AF_INET6, SOCK_STREAM, 0}, true, {kAfSmc, SOCK_STREAM, kSmcProtoSmc6}},
      {{AF_INET6, SOCK_STREAM, IPPROTO_TCP},
       true,
       {kAfSmc, SOCK_STREAM, kSmcProtoSmc6}},
      // Type flags are kept.
      {{AF_INET, SOCK_STREAM | kNb, 0},
       true,
       {kAfSmc, SOCK_STREAM | kNb, kSmcProtoSmc}},
      {{AF_INET6, SOCK_STREAM | kCx, IPPROTO_TCP},
       true,
       {kAfSmc, SOCK_STREAM | kCx, kSmcProtoSmc6}},
      {{AF_INET, SOCK_STREAM | kNb | kCx, 0},
       true,
       {kAfSmc, SOCK_STREAM | kNb | kCx, kSmcProtoSmc}},
      // Not TCP: other types.
      {{AF_INET, SOCK_DGRAM, 0}, false, {}},
      {{AF_INET, SOCK_DGRAM | kCx, IPPROTO_UDP}, false, {}},
      {{AF_INET6, SOCK_DGRAM, 0}, false, {}},
      {{AF_INET, SOCK_RAW, IPPROTO_TCP}, false, {}},
      {{AF_INET, SOCK_SEQPACKET, 0}, false, {}},
      // Not TCP: other protocols on a stream socket (MPTCP, SCTP, SMC).
      {{AF_INET, SOCK_STREAM, IPPROTO_MPTCP}, false, {}},
      {{AF_INET, SOCK_STREAM, IPPROTO_SCTP}, false, {}},
      {{AF_INET6, SOCK_STREAM, IPPROTO_UDP}, false, {}},
      {{AF_INET, SOCK_STREAM, 256 /* IPPROTO_SMC */}, false, {}},
      // Not TCP: other families.
      {{AF_UNIX, SOCK_STREAM, 0}, false, {}},
      {{AF_UNIX, SOCK_DGRAM, 0}, false, {}},
      {{AF_NETLINK, SOCK_RAW, 0}, false, {}},
      {{AF_PACKET, SOCK_RAW, 0}, false, {}},
      {{kAfSmc, SOCK_STREAM, kSmcProtoSmc}, false, {}},
      {{kAfSmc, SOCK_STREAM, kSmcProtoSmc6}, false, {}},
      {{-1, SOCK_STREAM, 0}, false, {}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.in.domain);
    CAPTURE(row.in.type);
    CAPTURE(row.in.protocol);
    const SocketDecision d = decide_socket(row.in);
    CHECK(d.convert == row.convert);
    if (row.convert) {
      CHECK(d.smc.domain == row.out.domain);
      CHECK(d.smc.type == row.out.type);
      CHECK(d.smc.protocol == row.out.protocol);
    }
  }
}

TEST_CASE("socket policy falls back to TCP only when SMC is missing or refused") {
  struct FallbackRow {
    int error;
    bool falls_back;
  };
  const FallbackRow rows[] = {
      {EAFNOSUPPORT, true}, {EPROTONOSUPPORT, true}, {ESOCKTNOSUPPORT, true},
      {EPERM, true},        {EACCES, true},          {EMFILE, false},
      {ENFILE, false},      {ENOBUFS, false},        {ENOMEM, false},
      {EINVAL, false},      {EINTR, false},
  };
  for (const FallbackRow& row : rows) {
    CAPTURE(row.error);
    CHECK(falls_back_to_tcp(row.error, false) == row.falls_back);
    CHECK_FALSE(falls_back_to_tcp(row.error, true));
  }
}

}  // namespace
}  // namespace smc
