#include "core/toolbox/smcr/smcr.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace smc {
namespace {

using Args = std::vector<std::string>;

TEST_CASE("smcr rejects bad commands before talking to the kernel") {
  struct Row {
    Args args;
    const char* message;
  };
  const Row rows[] = {
      {{}, "missing object (try: smcr stats, or smcr -h)"},
      {{"seid"}, "seid is an object of smcd, not smcr (the system EID is SMC-D's)"},
      {{"ueid", "add"}, "ueid add needs exactly one ID"},  // smcd's ueid command
      {{"ueid", "add", "BAD ID"}, "UEID 'BAD ID' may only hold letters, digits, '.' and '-'"},
      {{"linkgroup", "link-show", "zz"}, "'zz' is no link group id (hex, as LG-ID shows it)"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.message);
    const auto r = run_smcr(row.args);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::kUsage);
    CHECK(r.error().message == row.message);
  }
}

TEST_CASE("smcr -h and -v answer without the kernel") {
  CHECK(run_smcr(Args{"-h"})->find("Usage: smcr [") == 0);
  CHECK(*run_smcr(Args{"stats", "help"}) == smcr_usage());
  CHECK(run_smcr(Args{"--version"})->find("smcr (smc_run) ") == 0);
}

}  // namespace
}  // namespace smc
