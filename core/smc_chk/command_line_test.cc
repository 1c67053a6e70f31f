#include "core/smc_chk/command_line.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tools/testing/args.h"

namespace smc {
namespace {

using testing::Args;
using testing::fmt_args;

TEST_CASE("smc_chk options take -j, -q, -h and -v") {
  auto o = parse_smc_chk_options(Args{});
  REQUIRE(o.ok());
  CHECK_FALSE(o->json);
  CHECK_FALSE(o->quiet);
  CHECK(parse_smc_chk_options(Args{"-j"})->json);
  CHECK(parse_smc_chk_options(Args{"--json"})->json);
  CHECK(parse_smc_chk_options(Args{"-q"})->quiet);
  CHECK(parse_smc_chk_options(Args{"--quiet"})->quiet);
  CHECK(parse_smc_chk_options(Args{"--help"})->help);
  CHECK(parse_smc_chk_options(Args{"-v"})->version);
  CHECK(parse_smc_chk_options(Args{"-jq", "-h"})->help);
}

TEST_CASE("smc_chk options reject unknown words and -j with -q") {
  struct Row {
    Args args;
    const char* message;
  };
  const Row rows[] = {
      {{"-x"}, "invalid option '-x'"},
      {{"-jx"}, "invalid option '-x'"},
      {{"--verbose"}, "invalid option '--verbose'"},
      {{"now"}, "unexpected argument 'now'"},
      {{"-j", "-q"}, "-j and -q exclude each other"},
  };
  for (const Row& row : rows) {
    CAPTURE(fmt_args(row.args));
    const auto r = parse_smc_chk_options(row.args);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::kUsage);
    CHECK(r.error().message == row.message);
  }
}

TEST_CASE("smc_chk usage documents every option and exit status") {
  const std::string& text = smc_chk_usage();
  CHECK(text.find("Usage: smc_chk ") == 0);
  for (const char* word : {"--json", "--quiet", "--help", "--version", "\n  0 ", "\n  1 ",
                           "\n  2 ", "\n  125 "}) {
    CAPTURE(word);
    CHECK(text.find(word) != std::string::npos);
  }
}

}  // namespace
}  // namespace smc
