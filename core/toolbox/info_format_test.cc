#include "core/toolbox/info_format.h"

#include <doctest/doctest.h>

#include <string>

namespace smc {
namespace {

SmcSystemInfo system(bool ism_v2) {
  SmcSystemInfo s;
  s.version = 2;
  s.release = 1;
  s.ism_v2 = ism_v2;
  s.smcr_v2 = true;
  s.host = "smc-testbed-a";
  return s;
}

SmcrDevice rdma(const char* name) {
  SmcrDevice d;
  d.ib_name = name;
  return d;
}

TEST_CASE("info text names the kernel's features and the devices it lists") {
  CHECK(info_text(InfoFacts{system(false), {}, {rdma("rxe0")}}) ==
        "Kernel Capabilities\n"
        "SMC Version:      2.1\n"
        "SMC Hostname:     smc-testbed-a\n"
        "SMC-D Features:   v1 v2\n"
        "SMC-R Features:   v1 v2\n"
        "\n"
        "Hardware Capabilities\n"
        "SEID:             n/a\n"
        "ISM:              n/a\n"
        "RoCE:             rxe0\n");
}

TEST_CASE("info tells loopback-ism from listed ISM devices") {
  struct Row {
    bool ism_v2;
    int ism_devices;
    const char* line;
  };
  const Row rows[] = {
      {true, 0, "ISM:              loopback-ism (v2)\n"},
      {true, 2, "ISM:              2 ISM devices (v1 v2)\n"},
      {false, 1, "ISM:              1 ISM device (v1)\n"},
      {false, 0, "ISM:              n/a\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.line);
    const InfoFacts f{system(row.ism_v2), std::vector<SmcdDevice>(row.ism_devices), {}};
    const std::string text = info_text(f);
    CHECK(text.find(row.line) != std::string::npos);
    CHECK(text.find("RoCE:             n/a\n") != std::string::npos);
    CHECK(has_loopback_ism(f.system, f.smcd_devices) == (row.ism_v2 && row.ism_devices == 0));
  }
}

TEST_CASE("info JSON holds the same facts, strings escaped") {
  SmcSystemInfo s = system(true);
  s.host = "h\"1";
  s.seid = "IBM-SYSZ-ISMSEID00000000ABCD8561";
  CHECK(info_json(InfoFacts{s, {}, {rdma("rxe0"), rdma("mlx5_0")}}) ==
        "{\"smc_version\": \"2.1\", \"hostname\": \"h\\\"1\", \"smcd_features\": \"v1 v2\", "
        "\"smcr_features\": \"v1 v2\", \"ism_v2\": true, \"seid\": "
        "\"IBM-SYSZ-ISMSEID00000000ABCD8561\", \"ism_devices\": 0, \"loopback_ism\": true, "
        "\"smcr_devices\": [\"rxe0\", \"mlx5_0\"]}\n");
}

}  // namespace
}  // namespace smc
