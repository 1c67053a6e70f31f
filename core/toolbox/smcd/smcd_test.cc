#include "core/toolbox/smcd/smcd.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace smc {
namespace {

using Args = std::vector<std::string>;

TEST_CASE("smcd rejects bad commands before talking to the kernel") {
  struct Row {
    Args args;
    const char* message;
  };
  const Row rows[] = {
      {{}, "missing object (try: smcd stats, or smcd -h)"},
      {{"frob"}, "unknown object 'frob' (try: smcd -h)"},
      {{"stats", "--prometheus", "reset"},
       "--prometheus shows the kernel's counters as they are: use it with stats [show]"},
      {{"ueid", "frob"}, "unknown ueid command 'frob' (use show, add, del or flush)"},
      {{"ueid", "add"}, "ueid add needs exactly one ID"},
      {{"ueid", "add", "A", "B"}, "ueid add needs exactly one ID"},
      {{"ueid", "del"}, "ueid del needs exactly one ID"},
      {{"ueid", "show", "x"}, "unexpected argument 'x' after ueid show"},
      {{"ueid", "flush", "x"}, "unexpected argument 'x' after ueid flush"},
      {{"ueid", "add", "BAD ID"}, "UEID 'BAD ID' may only hold letters, digits, '.' and '-'"},
      {{"ueid", "del", "-X"}, "UEID '-X' must start with a letter or a digit"},
      // Bytes that are not UTF-8 are escaped, never echoed raw.
      {{"ueid", "del", "\xff"}, "UEID $'\\xff' may only hold letters, digits, '.' and '-'"},
      {{"ueid", "frob\xc3"}, "unknown ueid command $'frob\\xc3' (use show, add, del or flush)"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.message);
    const auto r = run_smcd(row.args);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::kUsage);
    CHECK(r.error().message == row.message);
  }
}

TEST_CASE("smcd -h and -v answer without the kernel") {
  CHECK(run_smcd(Args{"-h"})->find("Usage: smcd [") == 0);
  CHECK(*run_smcd(Args{"help"}) == smcd_usage());
  CHECK(run_smcd(Args{"--version"})->find("smcd (smc_run) ") == 0);
}

}  // namespace
}  // namespace smc
