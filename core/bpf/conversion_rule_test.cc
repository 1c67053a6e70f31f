#include "core/bpf/conversion_rule.h"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "base/smc_abi.h"
#include "base/socket_conversion.h"

namespace smc {
namespace {

TEST_CASE("the BPF rule's kernel numbers are libc's and base/smc_abi.h's") {
  static_assert(SMC_RULE_AF_INET == AF_INET);
  static_assert(SMC_RULE_AF_INET6 == AF_INET6);
  static_assert(SMC_RULE_SOCK_STREAM == SOCK_STREAM);
  static_assert(SMC_RULE_TYPE_MASK == kSockTypeMask);
  static_assert(SMC_RULE_IPPROTO_TCP == IPPROTO_TCP);
  static_assert(SMC_RULE_IPPROTO_SMC == kIpprotoSmc);
}

TEST_CASE("the BPF rule makes exactly the TCP sockets IPPROTO_SMC, as is_tcp_socket decides") {
  constexpr int kNb = SOCK_NONBLOCK;
  constexpr int kCx = SOCK_CLOEXEC;
  const struct {
    SocketCall call;
    int protocol;  // what the BPF program returns: IPPROTO_SMC, or 0 to keep the call
  } rows[] = {
      // TCP over IPv4 and IPv6, protocol 0 or IPPROTO_TCP, with any flags.
      {{AF_INET, SOCK_STREAM, 0}, kIpprotoSmc},
      {{AF_INET, SOCK_STREAM, IPPROTO_TCP}, kIpprotoSmc},
      {{AF_INET6, SOCK_STREAM, 0}, kIpprotoSmc},
      {{AF_INET6, SOCK_STREAM, IPPROTO_TCP}, kIpprotoSmc},
      {{AF_INET, SOCK_STREAM | kNb, 0}, kIpprotoSmc},
      {{AF_INET6, SOCK_STREAM | kCx, IPPROTO_TCP}, kIpprotoSmc},
      {{AF_INET, SOCK_STREAM | kNb | kCx, 0}, kIpprotoSmc},
      {{AF_INET6, SOCK_STREAM | kNb | kCx, IPPROTO_TCP}, kIpprotoSmc},
      // Other types, flags or not (bcc's mptcpify compared the whole type).
      {{AF_INET, SOCK_DGRAM, 0}, 0},
      {{AF_INET, SOCK_DGRAM | kCx, IPPROTO_UDP}, 0},
      {{AF_INET6, SOCK_DGRAM | kNb, 0}, 0},
      {{AF_INET, SOCK_RAW, IPPROTO_TCP}, 0},
      {{AF_INET, SOCK_SEQPACKET, 0}, 0},
      {{AF_INET6, SOCK_SEQPACKET | kCx, 0}, 0},
      // Other protocols of a stream socket: MPTCP, SCTP, SMC itself.
      {{AF_INET, SOCK_STREAM, IPPROTO_MPTCP}, 0},
      {{AF_INET6, SOCK_STREAM | kCx, IPPROTO_MPTCP}, 0},
      {{AF_INET, SOCK_STREAM, IPPROTO_SCTP}, 0},
      {{AF_INET6, SOCK_STREAM, IPPROTO_UDP}, 0},
      {{AF_INET, SOCK_STREAM, kIpprotoSmc}, 0},
      {{AF_INET6, SOCK_STREAM | kNb, kIpprotoSmc}, 0},
      // Other families.
      {{AF_UNIX, SOCK_STREAM, 0}, 0},
      {{AF_UNIX, SOCK_DGRAM, 0}, 0},
      {{AF_NETLINK, SOCK_RAW, 0}, 0},
      {{AF_PACKET, SOCK_RAW, 0}, 0},
      {{kAfSmc, SOCK_STREAM, kSmcProtoSmc}, 0},
      {{kAfSmc, SOCK_STREAM, kSmcProtoSmc6}, 0},
      {{-1, SOCK_STREAM, 0}, 0},
  };
  for (const auto& row : rows) {
    CAPTURE(row.call.domain);
    CAPTURE(row.call.type);
    CAPTURE(row.call.protocol);
    CHECK(smc_rule_protocol(row.call.domain, row.call.type, row.call.protocol) == row.protocol);
    // One decision: the other mechanisms' rule agrees on every row.
    CHECK(is_tcp_socket(row.call) == (row.protocol != 0));
  }
}

}  // namespace
}  // namespace smc
