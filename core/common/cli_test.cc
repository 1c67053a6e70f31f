#include "core/common/cli.h"

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
  const auto program = line.program();
  REQUIRE(program.ok());
  CHECK(*program == Args{"prog", "-d", "--", "x"});
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
  REQUIRE_FALSE(unknown.program().ok());
  CHECK(unknown.program().error().message == "invalid option '-x'");
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
    const auto parsed = line.parse(row.args);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == row.message);
  }
  CommandLine fine(CommandLine::Shape::kOptionsOnly);
  bool json = false;
  bool help = false;
  fine.flag("-j,--json", &json);
  fine.final_flag("-h,--help", &help);
  REQUIRE(fine.parse(Args{"--json"}).ok());
  CHECK(json);
  // A final flag makes the rest moot.
  REQUIRE(fine.parse(Args{"-h", "word"}).ok());
  CHECK(help);
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
