#include "core/toolbox/stats_snapshot.h"

#include <doctest/doctest.h>

#include <string>

#include "tools/support/smc_stats_fixture.h"

namespace smc {
namespace {

TEST_CASE("stats snapshot reads back every counter it wrote") {
  const SmcStats s = testing::sample_stats(3);
  const auto back = parse_snapshot(snapshot_text(s));
  REQUIRE(back);
  CHECK(snapshot_text(*back) == snapshot_text(s));
  CHECK(back->smcr.client_v2 == s.smcr.client_v2);
  CHECK(back->smcd.rx_request_sizes == s.smcd.rx_request_sizes);
  REQUIRE(back->server_reasons.size() == 2);
  CHECK(back->server_reasons[1].code == 0x03030000);
  CHECK(snapshot_text(s).starts_with("smc_run stats snapshot 1\nsmcd.tx_buffer_sizes.0 "));
}

TEST_CASE("stats snapshot refuses text that is not one") {
  const std::string good = snapshot_text(testing::sample_stats(3));
  const std::string rows[] = {
      "",
      "smc_run stats snapshot 2\n",
      "smc_run stats snapshot 1",                        // no counters
      good + "extra.counter 1\n",                         // one too many
      good.substr(0, good.find("smcr.")),                 // SMC-R's missing
      good + "server_reason.3010000 1\n",                 // not the hex form
      good + "client_reason.0x03010000 -1\n",
      good + "smcd.cork\n",
      good + "smcd.cork 1x\n",
      good + "smcd.cork 99999999999999999999999\n",       // past 64 bits
  };
  for (const std::string& text : rows) {
    CAPTURE(text.substr(text.size() > 40 ? text.size() - 40 : 0));
    CHECK_FALSE(parse_snapshot(text));
  }
}

TEST_CASE("stats since a snapshot subtract counters and keep gauges") {
  SmcStats base;
  base.smcr.client_v2 = 5;
  base.smcr.rx_bytes = 1000;
  base.smcr.rx_buffer_use = 65536;
  base.server_fallbacks = 2;
  base.server_reasons = {{0x03010000, 2}};
  SmcStats now = base;
  now.smcr.client_v2 = 7;
  now.smcr.rx_bytes = 5000;
  now.smcr.rx_buffer_use = 131072;
  now.server_fallbacks = 3;
  now.server_reasons = {{0x03010000, 2}, {0x03030000, 1}};
  const auto since = stats_since(now, base);
  REQUIRE(since);
  CHECK(since->smcr.client_v2 == 2);
  CHECK(since->smcr.rx_bytes == 4000);
  CHECK(since->smcr.rx_buffer_use == 131072);  // a gauge: as it is now
  CHECK(since->server_fallbacks == 1);
  REQUIRE(since->server_reasons.size() == 1);  // PEERNOSMC did not change
  CHECK(since->server_reasons[0].code == 0x03030000);
  CHECK(since->server_reasons[0].count == 1);
}

TEST_CASE("stats since a snapshot count a reason's 16-bit wrap, refuse a reload") {
  SmcStats base;
  base.client_reasons = {{0x03010000, 65535}};
  SmcStats now;
  now.client_reasons = {{0x03010000, 1}};
  const auto since = stats_since(now, base);
  REQUIRE(since);
  CHECK(since->client_reasons[0].count == 2);
  // Any other counter below its snapshot: the module was loaded again.
  base.smcd.tx_calls = 10;
  CHECK_FALSE(stats_since(now, base));
}

}  // namespace
}  // namespace smc
