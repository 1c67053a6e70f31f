#include "core/launch/command_line.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tools/support/args.h"

namespace smc {
namespace {

using testing::Args;
using testing::fmt_args;

Result<Options> parse(const Args& args) { return parse_options(args); }

// Each LIST as given, and each rule's own text.
Args lists_of(const RuleOption& option) {
  Args lists;
  for (const auto& list : option.lists) lists.push_back(*list);
  return lists;
}
Args rules_of(const RuleOption& option) {
  Args rules;
  for (int k = 0; k < option.rules.count; ++k) {
    rules.emplace_back(option.rules.rules[k].text, option.rules.rules[k].length);
  }
  return rules;
}

TEST_CASE("option parser accepts smc-tools' options and stops at PROGRAM") {
  struct Row {
    Args args;
    bool debug;
    int rcvbuf;  // 0: not given
    int sndbuf;
    Args command;
  };
  const Row rows[] = {
      {{"prog"}, false, 0, 0, {"prog"}},
      {{"-d", "prog"}, true, 0, 0, {"prog"}},
      {{"--debug", "prog"}, true, 0, 0, {"prog"}},
      {{"-r", "256k", "prog"}, false, 262144, 0, {"prog"}},
      {{"-r256k", "prog"}, false, 262144, 0, {"prog"}},
      {{"--rcvbuf=1m", "prog"}, false, 1048576, 0, {"prog"}},
      {{"-t", "1m", "prog"}, false, 0, 1048576, {"prog"}},
      {{"--sndbuf", "8K", "prog"}, false, 0, 8192, {"prog"}},
      {{"-dr", "1k", "prog"}, true, 1024, 0, {"prog"}},
      {{"-d", "-r", "4096", "-t", "2M", "prog"}, true, 4096, 2097152, {"prog"}},
      // getopt semantics: the last of a repeated option wins.
      {{"-r", "1k", "-r", "2k", "prog"}, false, 2048, 0, {"prog"}},
      // PROGRAM's own options and odd arguments pass through unchanged.
      {{"prog", "-d", "-r", "x"}, false, 0, 0, {"prog", "-d", "-r", "x"}},
      {{"-d", "prog", "--", "-x"}, true, 0, 0, {"prog", "--", "-x"}},
      {{"prog", "a b", "", "'q'"}, false, 0, 0, {"prog", "a b", "", "'q'"}},
      // "--" ends the options, so a PROGRAM may start with '-'.
      {{"--", "-weird"}, false, 0, 0, {"-weird"}},
      {{"-d", "--", "prog", "-d"}, true, 0, 0, {"prog", "-d"}},
      {{"--", "--"}, false, 0, 0, {"--"}},
      // A lone '-' is not an option (getopt agrees).
      {{"-"}, false, 0, 0, {"-"}},
      {{"", "x"}, false, 0, 0, {"", "x"}},
      {{"--", ""}, false, 0, 0, {""}},
  };
  for (const Row& row : rows) {
    CAPTURE(fmt_args(row.args));
    const Result<Options> r = parse(row.args);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->debug == row.debug);
    CHECK(r->rcvbuf.has_value() == (row.rcvbuf != 0));
    if (r->rcvbuf) CHECK(r->rcvbuf->bytes == row.rcvbuf);
    CHECK(r->sndbuf.has_value() == (row.sndbuf != 0));
    if (r->sndbuf) CHECK(r->sndbuf->bytes == row.sndbuf);
    CHECK(r->command == row.command);
    CHECK_FALSE(r->help);
    CHECK_FALSE(r->version);
  }
}

TEST_CASE("option parser rejects bad input with a message naming the value") {
  struct Row {
    Args args;
    const char* message;
  };
  const Row rows[] = {
      {{}, "missing PROGRAM"},
      {{"-d"}, "missing PROGRAM"},
      {{"-r", "1k"}, "missing PROGRAM"},
      {{"--"}, "missing PROGRAM"},
      {{"-x", "prog"}, "invalid option '-x'"},
      {{"--frobnicate", "prog"}, "invalid option '--frobnicate'"},
      {{"-dx", "prog"}, "invalid option"},
      {{"-r"}, "option --rcvbuf requires a value"},
      {{"-t"}, "option --sndbuf requires a value"},
      {{"--write-lib"}, "option --write-lib requires a value"},
      {{"-r", "1g", "prog"}, "invalid size '1g' for -r: unknown suffix"},
      {{"-t", "0", "prog"}, "invalid size '0' for -t: size must be greater"},
      {{"-t", "-5", "prog"}, "invalid size '-5' for -t: not a decimal"},
      {{"-r", "0x10", "prog"}, "invalid size '0x10' for -r"},
      {{"-r", "", "prog"}, "invalid size '' for -r: empty size"},
      {{"-r", "4096m", "prog"}, "invalid size '4096m' for -r: too large"},
      {{"-r", "-d", "prog"}, "invalid size '-d' for -r"},
      {{"--write-lib", "", }, "--write-lib needs a non-empty PATH"},
      {{"--write-lib", "/tmp/x.so", "prog"}, "unexpected 'prog'"},
      {{"--mechanism", "ptrace", "prog"},
       "invalid MECHANISM 'ptrace' for --mechanism (use preload, seccomp or auto)"},
      {{"--mechanism"}, "option --mechanism requires a value"},
      // Each LIST is checked as it is parsed, once.
      {{"--include", "", "prog"}, "--include needs a non-empty LIST"},
      {{"--exclude", " , ", "prog"}, "--exclude needs a non-empty LIST"},
      {{"--include", "10.0.0.0/8,[::1", "prog"},
       "invalid --include entry '[::1': missing ] after the IPv6 address"},
      {{"--include", "*", "--exclude", "*:0", "prog"},
       "invalid --exclude entry '*:0': a port must be a number from 1 to 65535"},
      // A value that looks like an option is still the value, as for -r.
      {{"--include", "-d", "prog"},
       "invalid --include entry '-d': not an IPv4 address, an IPv6 address in brackets or *"},
  };
  for (const Row& row : rows) {
    CAPTURE(fmt_args(row.args));
    const Result<Options> r = parse(row.args);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::kUsage);
    CHECK_MESSAGE(r.error().message.find(row.message) != std::string::npos,
                  r.error().message);
    CHECK(r.error().message.find('\n') == std::string::npos);
  }
}

TEST_CASE("option parser takes --mechanism, the last one winning") {
  CHECK_FALSE(parse({"prog"})->mechanism.has_value());
  CHECK(parse({"--mechanism", "seccomp", "prog"})->mechanism == MechanismRequest::kSeccomp);
  CHECK(parse({"--mechanism=preload", "prog"})->mechanism == MechanismRequest::kPreload);
  CHECK(parse({"--mechanism", "preload", "--mechanism", "auto", "prog"})->mechanism ==
        MechanismRequest::kAuto);
}

TEST_CASE("option parser takes -f as a family, the last one winning") {
  CHECK_FALSE(parse({"prog"})->family.has_value());
  CHECK(parse({"-f", "smc", "prog"})->family == Family::kSmc);
  CHECK(parse({"--family=inet", "prog"})->family == Family::kInet);
  CHECK(parse({"-f", "smc", "-f", "auto", "prog"})->family == Family::kAuto);
}

TEST_CASE("option parser lets -h and -v stand without a PROGRAM") {
  CHECK(parse({"-h"})->help);
  CHECK(parse({"--help"})->help);
  CHECK(parse({"-v"})->version);
  CHECK(parse({"--version"})->version);
  CHECK(parse({"-d", "-h", "prog"})->help);
  // After PROGRAM, -h belongs to PROGRAM.
  CHECK_FALSE(parse({"prog", "-h"})->help);
}

TEST_CASE("option parser takes --strict, --no-inherit and --write-lib") {
  CHECK(parse({"--strict", "prog"})->strict);
  CHECK_FALSE(parse({"prog"})->strict);
  CHECK(parse({"--no-inherit", "prog"})->no_inherit);
  CHECK_FALSE(parse({"--strict", "prog"})->no_inherit);
  const Result<Options> w = parse({"--write-lib", "/tmp/lib.so"});
  REQUIRE(w.ok());
  CHECK(*w->write_lib == "/tmp/lib.so");
  CHECK(w->command.empty());
  CHECK(*parse({"--write-lib=/x"})->write_lib == "/x");
}

TEST_CASE("option parser gathers repeated --include and --exclude lists into rules") {
  struct Row {
    Args args;
    Args include;
    Args exclude;
    Args command;
    Args include_rules;
  };
  const Row rows[] = {
      {{"prog"}, {}, {}, {"prog"}, {}},
      {{"--exclude", "10.0.0.0/8", "prog", "x"}, {}, {"10.0.0.0/8"}, {"prog", "x"}, {}},
      {{"--exclude=*:22", "prog"}, {}, {"*:22"}, {"prog"}, {}},
      {{"--include", "10.0.0.1, [::1]", "--include", "*:8000-8999", "--exclude", "*:22", "prog"},
       {"10.0.0.1, [::1]", "*:8000-8999"}, {"*:22"}, {"prog"},
       {"10.0.0.1", "[::1]", "*:8000-8999"}},
      {{"-d", "--exclude", "[::1]:443", "--", "prog", "--exclude", "x"},
       {}, {"[::1]:443"}, {"prog", "--exclude", "x"}, {}},
  };
  for (const Row& row : rows) {
    CAPTURE(fmt_args(row.args));
    const Result<Options> r = parse(row.args);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(lists_of(r->include) == row.include);
    CHECK(lists_of(r->exclude) == row.exclude);
    CHECK(r->command == row.command);
    CHECK(rules_of(r->include) == row.include_rules);
    CHECK(r->exclude.rules.count == static_cast<int>(row.exclude.size()));
  }
  // The rules stay where they are in copies of the options.
  const Result<Options> parsed = parse({"--include", "10.0.0.0/8,[fd00::]/8:443", "prog"});
  REQUIRE(parsed.ok());
  const Options copy = *parsed;
  CHECK(rules_of(copy.include) == Args{"10.0.0.0/8", "[fd00::]/8:443"});
  const Result<Options> missing = parse({"--exclude"});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "option --exclude requires a value");
}

TEST_CASE("usage names the roles from the role table") {
  CHECK(usage().find("and exit: smcss, smcd, smcr and smc_chk\n") != std::string::npos);
  CHECK(usage().find("NAME is one of\n                       smcss, smcd, smcr or smc_chk\n") !=
        std::string::npos);
}

TEST_CASE("usage lists every option and the environment") {
  for (const char* word :
       {"-d, --debug", "-h, --help", "-r, --rcvbuf SIZE", "-t, --sndbuf SIZE",
        "-v, --version", "--strict", "--no-inherit", "--write-lib PATH",
        "--role NAME", "SMC_RCVBUF", "SMC_INHERIT", "--include LIST",
        "--exclude LIST", "SMC_INCLUDE", "SMC_EXCLUDE",
        "SMC_SNDBUF", "SMC_DEBUG", "SMC_STRICT", "LD_PRELOAD", "  0 ", "  1 ",
        "125", "126", "127"}) {
    CAPTURE(word);
    CHECK(usage().find(word) != std::string::npos);
  }
}

}  // namespace
}  // namespace smc
