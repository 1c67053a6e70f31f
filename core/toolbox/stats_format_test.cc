#include "core/toolbox/stats_format.h"

#include <doctest/doctest.h>

#include <string>

#include "tools/support/smc_stats_fixture.h"

namespace smc {
namespace {

// Two SMC-R clients and a server, data both ways, and fallbacks of both
// sides, as the pair's checks make them.
SmcStats busy() {
  SmcStats s;
  s.smcr.client_v2 = 2;
  s.smcr.server_v2 = 1;
  s.smcr.rx_bytes = 2097152;
  s.smcr.tx_bytes = 1048576;
  s.smcr.rx_calls = 40;
  s.smcr.tx_calls = 20;
  s.smcr.rx_buffer_use = 131072;
  s.smcr.tx_buffer_use = 65536;
  s.smcr.tx_buffer.full = 5;
  s.smcr.rx_buffer_sizes[3] = 3;
  s.smcr.rx_request_sizes[0] = 1234567;
  s.smcr.rx_request_sizes[7] = 1;
  s.smcr.rx_request_sizes[8] = 2;
  s.client_fallbacks = 1;
  s.server_fallbacks = 3;
  s.server_reasons = {{0x03030007, 1}, {0x03010000, 2}};
  s.client_reasons = {{0x05000000, 1}};
  return s;
}

TEST_CASE("stats text has smc-tools' layout and sums") {
  const std::string text = stats_text(StatsReport{SmcTech::kSmcr, busy(), false}, 0);
  CHECK(text.starts_with(
      "SMC-R Connections Summary\n"
      "  Total connections handled             7\n"
      "  SMC connections                       3\n"
      "  Handshake errors                      0\n"
      "  Avg requests per SMC conn            20.0\n"
      "  TCP fallback                          4\n"
      "\n"
      "RX Stats\n"
      "  Data transmitted (Bytes)        2097152 (2.10M)\n"
      "  Total requests                       40\n"
      "  Buffer usage (Bytes)             131072 (131K)\n"
      "  Buffer full                           0 (0.00%)\n"
      "            8KB    16KB    32KB    64KB   128KB   256KB   512KB  >512KB\n"
      "  Bufs        0       0       0       3       0       0       0       0\n"
      "  Reqs    1.23M       0       0       0       0       0       0       3\n"
      "\n"
      "TX Stats\n"));
  CHECK(text.find("  Buffer full                           5 (25.00%)\n") != std::string::npos);
  CHECK(text.ends_with("Extras\n  Special socket calls                  0\n"));
  CHECK(text.find("PEERNOSMC") == std::string::npos);  // reasons only with -d
}

TEST_CASE("stats text with details splits sides and versions and names every reason") {
  const std::string text = stats_text(StatsReport{SmcTech::kSmcr, busy(), true}, 1);
  for (const char* line : {
           "SMC-R Connections Summary (since the last stats reset; -a: since the module's load)\n",
           "  SMC connections                       3 (client 2, server 1)\n",
           "    v1                                  0\n",
           "    v2                                  3\n",
           "  Handshake errors                      0 (client 0, server 0)\n",
           // Server's reasons, most frequent first, then the client's.
           "  TCP fallback                          4 (client 1, server 3)\n"
           "    Server\n"
           "     PEERNOSMC                          2\n"
           "     NOSMCD2DEV                         1\n"
           "    Client\n"
           "     PEERDECL                           1\n",
           "  Buffer downgrades                     0\n",
           "    urgent data                         0\n",
       }) {
    CAPTURE(line);
    CHECK(text.find(line) != std::string::npos);
  }
  CHECK(stats_text(StatsReport{SmcTech::kSmcd, busy(), false}, 0)
            .starts_with("SMC-D Connections Summary\n  Total connections handled             4\n"));
}

TEST_CASE("stats text names a reason this build does not know by its code") {
  SmcStats s;
  s.client_fallbacks = 1;
  s.client_reasons = {{0x0abc0000, 1}};
  CHECK(stats_text(StatsReport{SmcTech::kSmcr, s, false}, 1).find("     0x0abc0000") !=
        std::string::npos);
}

TEST_CASE("stats JSON holds the tech's counters and names reasons") {
  const std::string json = stats_json(StatsReport{SmcTech::kSmcr, busy(), true});
  for (const char* part : {
           "{\"mechanism\": \"SMC-R\", \"since_reset\": true, \"smc_connections\": "
           "{\"client_v1\": 0, \"client_v2\": 2, \"server_v1\": 0, \"server_v2\": 1}, ",
           "\"client_reasons\": [{\"code\": 83886080, \"hex\": \"0x05000000\", \"name\": "
           "\"PEERDECL\", \"count\": 1}]",
           "\"rx\": {\"bytes\": 2097152, \"calls\": 40, \"buffer_use_bytes\": 131072, ",
           "\"request_sizes\": {\"8K\": 1234567, \"16K\": 0, \"32K\": 0, \"64K\": 0, \"128K\": 0, "
           "\"256K\": 0, \"512K\": 0, \"1M\": 1, \">1M\": 2}}",
       }) {
    CAPTURE(part);
    CHECK(json.find(part) != std::string::npos);
  }
  CHECK(json.ends_with("}}\n"));
}

TEST_CASE("stats json keeps smc-tools' keys for its scripts") {
  const std::string json = smc_tools_stats_json(StatsReport{SmcTech::kSmcr, busy(), false});
  CHECK(json.starts_with("{\"SMCR\": {\"SMC_INT_TX_BUF_8K\":0,"));
  for (const char* part : {"\"SMC_INT_RX_BUF_64K\":3,", "\"SMC_USR_RX_BUF_G_1024K\":2,",
                           "\"SMC_INT_TX_BUF_FULL_CNT\":5,", "\"SMC_CLNT_V2_SUCC_CNT\":2,",
                           "\"SMC_SRV_V2_SUCC_CNT\":1,", "\"SMC_RX_BYTES\":2097152,"}) {
    CAPTURE(part);
    CHECK(json.find(part) != std::string::npos);
  }
  CHECK(json.ends_with(",\"SMC_TX_RMB_USAGE\":65536}}\n"));
  CHECK(smc_tools_stats_json(StatsReport{SmcTech::kSmcd, busy(), false})
            .starts_with("{\"SMCD\": {"));
}

TEST_CASE("counts abbreviate to six characters at most, as smc-tools does") {
  struct Row {
    std::uint64_t n;
    const char* text;
  };
  const Row rows[] = {
      {0, "0"},           {999, "999"},        {1000, "1.00K"},      {1234, "1.23K"},
      {9995, "10.0K"},    {12345, "12.3K"},    {99949, "99.9K"},     {99950, "100K"},
      {123456, "123K"},   {999499, "999K"},    {999500, "1.00M"},    {1048576, "1.05M"},
      {4294967296, "4.29G"}, {18446744073709551615ull, "18.4E"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.n);
    CHECK(abbreviated(row.n) == row.text);
  }
}

}  // namespace
}  // namespace smc
