// Prints what smcr/smcd stats print, from fixture replies of Linux 6.12
// (tools/support/smc_stats_fixture.h) read by the same parsers as the
// kernel's: for tests that check the output with real parsers (Python's
// json, Debian's python3-prometheus-client) on a host without SMC.
//   stats_fixture_printer prometheus|json|smc-tools-json
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/kernel/smc_stats.h"
#include "core/toolbox/prometheus.h"
#include "core/toolbox/stats_format.h"
#include "tools/support/smc_stats_fixture.h"

namespace {

// Counters as the kernel could hold them: every field different, the
// largest u64, reasons this build knows and one it does not.
smc::SmcStats parsed_fixture() {
  smc::SmcStats want = smc::testing::sample_stats(7);
  want.smcr.rx_bytes = 18446744073709551615ull;
  want.server_reasons.push_back({0x0abc0000, 65535});
  want.client_reasons.push_back({0x03030008, 4});
  smc::SmcStats got;
  if (!smc::parse_stats(smc::testing::stats_reply(want, true).message, got)) {
    std::fputs("stats_fixture_printer: the statistics did not parse\n", stderr);
    std::exit(1);
  }
  for (const smc::testing::Reply& r : smc::testing::fallback_replies(want)) {
    if (!smc::parse_fallback_stats(r.message, got)) {
      std::fputs("stats_fixture_printer: a fallback message did not parse\n", stderr);
      std::exit(1);
    }
  }
  return got;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc == 2 ? argv[1] : "";
  const smc::SmcStats stats = parsed_fixture();
  const smc::StatsReport smcr{smc::SmcTech::kSmcr, stats, false};
  std::string out;
  if (mode == "prometheus") {
    out = smc::prometheus_text(stats);
  } else if (mode == "json") {
    out = smc::stats_json(smcr);
  } else if (mode == "smc-tools-json") {
    out = smc::smc_tools_stats_json(smcr);
  } else {
    std::fputs("usage: stats_fixture_printer prometheus|json|smc-tools-json\n", stderr);
    return 2;
  }
  std::fputs(out.c_str(), stdout);
  return 0;
}
