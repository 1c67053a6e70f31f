#include "core/cli/cli.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace smc {
namespace {

using Args = std::vector<std::string>;

TEST_CASE("command line stops at PROGRAM and keeps the last of a repeated value") {
  CommandLine line(CommandLine::Shape::kOptionsThenProgram);
  bool debug = false;
  bool given = false;
  std::string size;
  std::vector<std::string> lists;
  line.flag("-d,--debug", &debug);
  line.value("-r,--rcvbuf", &size, &given);
  line.list("--include", &lists);
  REQUIRE(line.parse(Args{"-d", "-r", "1k", "--include", "a", "-r2k", "--include=b",
                          "prog", "-d", "--", "x"})
              .ok());
  CHECK(debug);
  CHECK(given);
  CHECK(size == "2k");
  CHECK(lists == Args{"a", "b"});
  const auto rest = line.rest();
  REQUIRE(rest.ok());
  CHECK(*rest == Args{"prog", "-d", "--", "x"});
}

TEST_CASE("command line names what it refuses in getopt's words") {
  CommandLine line(CommandLine::Shape::kOptionsThenProgram);
  std::string size;
  bool given = false;
  line.value("-r,--rcvbuf", &size, &given);
  const auto missing = line.parse(Args{"-r"});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "option --rcvbuf requires a value");

  CommandLine unknown(CommandLine::Shape::kOptionsThenProgram);
  REQUIRE(unknown.parse(Args{"-x", "prog"}).ok());
  REQUIRE_FALSE(unknown.rest().ok());
  CHECK(unknown.rest().error().message == "invalid option '-x'");
}

TEST_CASE("command line of options only refuses any other word") {
  struct Row {
    Args args;
    const char* message;
  };
  const Row rows[] = {
      {{"-x"}, "invalid option '-x'"},
      {{"word"}, "unexpected argument 'word'"},
  };
  for (const Row& row : rows) {
    CommandLine line(CommandLine::Shape::kOptionsOnly);
    bool json = false;
    line.flag("-j,--json", &json);
    REQUIRE(line.parse(row.args).ok());
    REQUIRE_FALSE(line.rest().ok());
    CHECK(line.rest().error().message == row.message);
  }
  CommandLine fine(CommandLine::Shape::kOptionsOnly);
  bool json = false;
  fine.flag("-j,--json", &json);
  REQUIRE(fine.parse(Args{"--json"}).ok());
  CHECK(fine.rest().ok());
  CHECK(json);
}

TEST_CASE("command line takes an option whose value may be left out") {
  for (const Args& args : {Args{"--install-links"}, Args{"--install-links", "/bin"}}) {
    CommandLine line(CommandLine::Shape::kOptionsThenProgram);
    std::string dir;
    bool given = false;
    line.optional_value("--install-links", &dir, &given);
    REQUIRE(line.parse(args).ok());
    CHECK(given);
    CHECK(dir == (args.size() == 2 ? "/bin" : ""));
  }
}

}  // namespace
}  // namespace smc
