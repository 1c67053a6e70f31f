#include "core/kernel/smc_stats.h"

#include <doctest/doctest.h>

#include <cerrno>
#include <cstring>

#include "tools/support/smc_stats_fixture.h"

namespace smc {
namespace {

using testing::attr;
using testing::cat;
using testing::num;
using testing::reply;
using testing::Reply;

bool same(const MechanismStats& a, const MechanismStats& b) {
  return a.tx_buffer_sizes == b.tx_buffer_sizes && a.rx_buffer_sizes == b.rx_buffer_sizes &&
         a.tx_request_sizes == b.tx_request_sizes &&
         a.rx_request_sizes == b.rx_request_sizes &&
         std::memcmp(&a.tx_buffer, &b.tx_buffer, sizeof a.tx_buffer) == 0 &&
         std::memcmp(&a.rx_buffer, &b.rx_buffer, sizeof a.rx_buffer) == 0 &&
         a.client_v1 == b.client_v1 && a.client_v2 == b.client_v2 &&
         a.server_v1 == b.server_v1 && a.server_v2 == b.server_v2 &&
         a.splice == b.splice && a.cork == b.cork && a.nodelay == b.nodelay &&
         a.urgent == b.urgent && a.rx_bytes == b.rx_bytes && a.tx_bytes == b.tx_bytes &&
         a.rx_calls == b.rx_calls && a.tx_calls == b.tx_calls &&
         a.rx_buffer_use == b.rx_buffer_use && a.tx_buffer_use == b.tx_buffer_use;
}

TEST_CASE("statistics message gives every counter of both mechanisms, pads or not") {
  const SmcStats want = testing::sample_stats(1);
  for (const bool pads : {false, true}) {
    CAPTURE(pads);
    const Reply r = testing::stats_reply(want, pads);
    SmcStats got;
    REQUIRE(parse_stats(r.message, got));
    CHECK(same(got.smcd, want.smcd));
    CHECK(same(got.smcr, want.smcr));
    CHECK(got.client_handshake_errors == want.client_handshake_errors);
    CHECK(got.server_handshake_errors == want.server_handshake_errors);
    CHECK(got.client_reasons.empty());
  }
}

TEST_CASE("statistics message takes buffer use of either uint size") {
  SmcStats want;
  want.smcr.rx_buffer_use = 5ull << 32;  // past 32 bits: sent as 8 bytes
  want.smcr.tx_buffer_use = 262144;      // 4 bytes
  SmcStats got;
  REQUIRE(parse_stats(testing::stats_reply(want).message, got));
  CHECK(got.smcr.rx_buffer_use == 5ull << 32);
  CHECK(got.smcr.tx_buffer_use == 262144);
}

TEST_CASE("statistics message without statistics or with a broken nest is refused") {
  SmcStats got;
  CHECK_FALSE(parse_stats(reply(7, {}).message, got));
  CHECK_FALSE(parse_stats(reply(8, attr(8, num<std::uint8_t>(1, 0))).message, got));
  // SMC_NLA_STATS_SMCR_TECH whose inner attribute claims 200 bytes.
  const testing::Blob cut = {std::byte{200}, std::byte{0}, std::byte{7}, std::byte{0}};
  CHECK_FALSE(parse_stats(reply(7, attr(7, attr(2, cut))).message, got));
}

TEST_CASE("fallback messages give each reason by side and the totals once") {
  const SmcStats want = testing::sample_stats(2);
  SmcStats got;
  for (const Reply& r : testing::fallback_replies(want)) {
    REQUIRE(parse_fallback_stats(r.message, got));
  }
  CHECK(got.server_fallbacks == 9);
  CHECK(got.client_fallbacks == 3);
  REQUIRE(got.server_reasons.size() == 2);
  CHECK(got.server_reasons[0].code == 0x03010000);
  CHECK(got.server_reasons[0].count == 7);
  CHECK(got.server_reasons[1].code == 0x03030000);
  REQUIRE(got.client_reasons.size() == 1);
  CHECK(got.client_reasons[0].code == 0x05000000);
  CHECK(got.client_reasons[0].count == 3);
}

TEST_CASE("fallback message without its side or reason is refused") {
  SmcStats got;
  CHECK_FALSE(parse_fallback_stats(reply(8, attr(8, num<std::uint32_t>(4, 0x03010000))).message, got));
  CHECK_FALSE(parse_fallback_stats(reply(8, attr(8, num<std::uint8_t>(1, 1))).message, got));
  CHECK_FALSE(parse_fallback_stats(reply(8, {}).message, got));
  CHECK(got.server_reasons.empty());
}

// host_only: asks this machine's kernel over generic netlink, which qemu-user
// does not carry for other architectures (.bazelrc, config cross).
TEST_CASE("statistics on this kernel are read, or the missing smc module is named" *
          doctest::test_suite("host_only")) {
  int error = 0;
  const bool has_smc = genl_family_id("SMC_GEN_NETLINK", &error).ok();
  const Result<SmcStats> stats = read_smc_stats(&error);
  CHECK(stats.ok() == has_smc);
  if (!has_smc) {
    CHECK(error == ENOENT);
    CHECK(stats.error().message ==
          "cannot read the SMC statistics: the kernel has no SMC generic netlink (smc "
          "module not loaded)");
  }
}

}  // namespace
}  // namespace smc
