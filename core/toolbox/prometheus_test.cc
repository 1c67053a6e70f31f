#include "core/toolbox/prometheus.h"

#include <doctest/doctest.h>

#include <string>

#include "tools/support/smc_stats_fixture.h"

namespace smc {
namespace {

TEST_CASE("Prometheus text has HELP and TYPE before each family and _total counters") {
  SmcStats s;
  s.smcr.client_v2 = 2;
  s.smcd.server_v1 = 1;
  s.smcr.rx_bytes = 4096;
  s.smcr.rx_buffer_use = 65536;
  s.server_fallbacks = 3;
  s.server_reasons = {{0x03010000, 2}, {0x0abc0000, 1}};
  const std::string text = prometheus_text(s);
  for (const char* part : {
           "# HELP smc_handshakes_total Connections whose SMC handshake ended on SMC, by "
           "mechanism, side and SMC version.\n"
           "# TYPE smc_handshakes_total counter\n"
           "smc_handshakes_total{mechanism=\"smcd\",side=\"client\",version=\"v1\"} 0\n"
           "smc_handshakes_total{mechanism=\"smcd\",side=\"client\",version=\"v2\"} 0\n"
           "smc_handshakes_total{mechanism=\"smcd\",side=\"server\",version=\"v1\"} 1\n",
           "smc_handshakes_total{mechanism=\"smcr\",side=\"client\",version=\"v2\"} 2\n",
           "# TYPE smc_fallbacks_total counter\nsmc_fallbacks_total{side=\"client\"} 0\n"
           "smc_fallbacks_total{side=\"server\"} 3\n",
           "# TYPE smc_fallback_reasons_total counter\n"
           "smc_fallback_reasons_total{side=\"server\",reason=\"PEERNOSMC\",code=\"0x03010000\"} 2\n"
           "smc_fallback_reasons_total{side=\"server\",reason=\"0x0abc0000\",code=\"0x0abc0000\"} 1\n",
           "smc_data_bytes_total{mechanism=\"smcr\",direction=\"receive\"} 4096\n",
           "# TYPE smc_buffer_usage_bytes gauge\n",
           "smc_buffer_usage_bytes{mechanism=\"smcr\",direction=\"receive\"} 65536\n",
       }) {
    CAPTURE(part);
    CHECK(text.find(part) != std::string::npos);
  }
  // Every sample's name is declared by a TYPE line, and counters end in _total.
  std::size_t at = 0;
  while (at < text.size()) {
    const std::string line = text.substr(at, text.find('\n', at) - at);
    at += line.size() + 1;
    if (!line.starts_with("# TYPE ")) continue;
    const std::string name = line.substr(7, line.find(' ', 7) - 7);
    CAPTURE(line);
    CHECK((line.ends_with(" gauge") || name.ends_with("_total")));
  }
}

TEST_CASE("Prometheus label values escape what the format must and keep it ASCII") {
  struct Row {
    std::string in;
    const char* out;
  };
  const Row rows[] = {
      {"PEERNOSMC", "PEERNOSMC"},
      {"a\\b", "a\\\\b"},
      {"say \"hi\"", "say \\\"hi\\\""},
      {"two\nlines", "two\\nlines"},
      {std::string("nul\0x", 5), "nul?x"},
      {"tab\there", "tab?here"},
      {"\xc3\xa9\xff", "???"},
      {"", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.in);
    CHECK(prometheus_label_value(row.in) == row.out);
  }
}

}  // namespace
}  // namespace smc
