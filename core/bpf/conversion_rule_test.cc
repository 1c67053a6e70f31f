#include "core/bpf/conversion_rule.h"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "base/smc_abi.h"
#include "base/socket_rule_table.h"

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

// base/socket_rule_table.h is the rule every mechanism is held against:
// the BPF program returns IPPROTO_SMC on exactly its converted rows, and 0
// (update_socket_protocol keeps the program's protocol) on all others.
TEST_CASE("the BPF rule makes exactly the socket rule table's converted rows IPPROTO_SMC") {
  REQUIRE(SMC_SOCKET_RULE_ROW_COUNT > 0);
  for (const auto& row : smc_socket_rule_rows) {
    CAPTURE(row.domain);
    CAPTURE(row.type);
    CAPTURE(row.protocol);
    CHECK(smc_rule_protocol(row.domain, row.type, row.protocol) == (row.converted ? kIpprotoSmc : 0));
  }
}

}  // namespace
}  // namespace smc
