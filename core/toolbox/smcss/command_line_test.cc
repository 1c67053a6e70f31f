#include "core/toolbox/smcss/command_line.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tools/support/args.h"

namespace smc {
namespace {

using testing::Args;
using testing::fmt_args;

TEST_CASE("smcss options follow smc-tools' smcss") {
  auto o = parse_smcss_options(std::vector<std::string>{});
  REQUIRE(o.ok());
  CHECK_FALSE(o->all);
  CHECK_FALSE(o->listening);
  o = parse_smcss_options(Args{"-a", "-d", "-D", "-W"});
  REQUIRE(o.ok());
  CHECK(o->all);
  CHECK(o->debug);
  CHECK(o->smcd);
  o = parse_smcss_options(Args{"-ljR"});
  REQUIRE(o.ok());
  CHECK(o->listening);
  CHECK(o->json);
  CHECK(o->smcr);
  CHECK(parse_smcss_options(Args{"--help"})->help);
  // As for smc_run, -h and -v win over anything else.
  CHECK(parse_smcss_options(Args{"-v", "-x"})->version);
  CHECK(parse_smcss_options(Args{"-a", "-l", "-h"})->help);
}

TEST_CASE("smcss options reject unknown words and contradictions") {
  struct Row {
    Args args;
    const char* message;
  };
  const Row rows[] = {
      {{"-x"}, "invalid option '-x'"},
      {{"--bogus"}, "invalid option '--bogus'"},
      {{"foo"}, "unexpected argument 'foo'"},
      {{"-a", "-l"}, "-a and -l exclude each other"},
      {{"-D", "-R"}, "-D and -R exclude each other"},
  };
  for (const Row& row : rows) {
    CAPTURE(fmt_args(row.args));
    const auto r = parse_smcss_options(row.args);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::kUsage);
    CHECK(r.error().message == row.message);
  }
}

}  // namespace
}  // namespace smc
