#include "core/launch/plan.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace smc {
namespace {

using Args = std::vector<std::string>;
using Env = std::vector<const char*>;

// The plan, or the first error of the options or the plan. The plan
// outlives the options (it keeps what it points into); `env`'s strings
// are the test's.
Result<Plan> plan_for(const Args& args, Env env = {}) {
  const Result<Options> options = parse_options(args);
  if (!options) return options.error();
  env.push_back(nullptr);
  return make_plan(*options, env.data());
}

std::vector<EnvVar> vars_of(const Plan& plan) {
  const Result<std::vector<EnvVar>> vars = program_variables(plan);
  REQUIRE_MESSAGE(vars.ok(), vars.error().message);
  return *vars;
}

std::string env_of(const Plan& plan) {
  std::string text;
  for (const EnvVar& v : vars_of(plan)) text += v.name + "=" + v.value + " ";
  return text;
}

std::string sysctls_of(const Plan& plan) {
  std::string text;
  for (const SysctlWish& s : plan.sysctls) {
    text += s.name + ">=" + std::to_string(s.at_least) + " ";
  }
  return text;
}

TEST_CASE("plan exports sizes in bytes and wants the sysctls at least as big") {
  const auto p = plan_for({"-r", "256k", "-t", "1m", "prog"});
  REQUIRE(p.ok());
  CHECK(env_of(*p) == "SMC_RCVBUF=262144 SMC_SNDBUF=1048576 ");
  CHECK(sysctls_of(*p) ==
        "net.core.rmem_max>=262144 net.core.wmem_max>=1048576 ");
  CHECK_FALSE(p->settings.debug);
}

TEST_CASE("plan takes sizes from the environment when no option gives them") {
  const auto p = plan_for({"prog"}, {"SMC_SNDBUF=64k", "SMC_RCVBUF=8192"});
  REQUIRE(p.ok());
  CHECK(env_of(*p) == "SMC_RCVBUF=8192 SMC_SNDBUF=65536 ");
  CHECK(sysctls_of(*p) == "net.core.rmem_max>=8192 net.core.wmem_max>=65536 ");
  CHECK(vars_of(*p)[1].why == "SMC_SNDBUF=64k in the environment");
}

TEST_CASE("plan lets options win over the environment, even a bad one") {
  const auto p = plan_for({"-t", "2m", "prog"}, {"SMC_SNDBUF=1g"});
  REQUIRE(p.ok());
  CHECK(env_of(*p) == "SMC_SNDBUF=2097152 ");
  CHECK(vars_of(*p)[0].why == "-t 2m");
}

TEST_CASE("plan rejects a bad size in the environment, naming it") {
  const auto p = plan_for({"prog"}, {"SMC_RCVBUF=1g"});
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().kind == ErrorKind::kUsage);
  CHECK(p.error().message ==
        "invalid SMC_RCVBUF '1g' in the environment: unknown suffix (use k "
        "or m)");
}

TEST_CASE("plan hands the summary file on for checking, from the option or the environment") {
  auto p = plan_for({"--summary-file", "opt.json", "prog"}, {"SMC_SUMMARY_FILE=env.json"});
  REQUIRE(p.ok());
  REQUIRE(vars_of(*p).size() == 1);
  CHECK(vars_of(*p)[0].value == "opt.json");
  CHECK(vars_of(*p)[0].why == "--summary-file");
  p = plan_for({"prog"}, {"SMC_SUMMARY_FILE=env.json"});
  REQUIRE(p.ok());
  REQUIRE(vars_of(*p).size() == 1);
  CHECK(vars_of(*p)[0].value == "env.json");
  CHECK(vars_of(*p)[0].why == kSummaryFileFromEnv);
  CHECK(vars_of(*plan_for({"prog"}, {"SMC_SUMMARY_FILE="})).empty());
  // The launcher's absolute path, kept by the plan.
  set_summary_file(*p, "/work/env.json");
  CHECK(vars_of(*p)[0].value == "/work/env.json");
  CHECK(std::string(p->settings.summary_file) == "/work/env.json");
}

TEST_CASE("plan turns -d, --strict and --no-inherit into the library's variables") {
  auto p = plan_for({"-d", "--strict", "--no-inherit", "prog"});
  REQUIRE(p.ok());
  CHECK(p->settings.debug);
  CHECK(env_of(*p) == "SMC_DEBUG=1 SMC_STRICT=1 SMC_INHERIT=0 ");
  CHECK(p->sysctls.empty());

  // SMC_DEBUG already set means diagnostics from the launcher too, and the
  // variable reaches PROGRAM untouched.
  p = plan_for({"prog"}, {"SMC_DEBUG=1"});
  REQUIRE(p.ok());
  CHECK(p->settings.debug);
  CHECK(vars_of(*p).empty());
  p = plan_for({"prog"}, {"SMC_DEBUG=0"});
  CHECK_FALSE(p->settings.debug);
}

TEST_CASE("plan takes the mechanism from --mechanism, else SMC_MECHANISM") {
  CHECK(plan_for({"prog"})->mechanism == MechanismRequest::kAuto);
  CHECK(plan_for({"prog"}, {"SMC_MECHANISM=seccomp"})->mechanism == MechanismRequest::kSeccomp);
  CHECK(plan_for({"--mechanism", "preload", "prog"}, {"SMC_MECHANISM=seccomp"})->mechanism ==
        MechanismRequest::kPreload);
  // The option wins over a bad variable, as for sizes.
  CHECK(plan_for({"--mechanism", "auto", "prog"}, {"SMC_MECHANISM=x"}).ok());
  const Result<Plan> bad = plan_for({"prog"}, {"SMC_MECHANISM=ptrace"});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message ==
        "invalid SMC_MECHANISM 'ptrace' in the environment (use preload, seccomp or auto)");
  CHECK(env_of(*plan_for({"prog"}, {"SMC_MECHANISM=seccomp"})).find("MECHANISM") ==
        std::string::npos);
}

TEST_CASE("plan knows whether a connection filter or strict mode is asked for") {
  CHECK_FALSE(plan_for({"prog"})->settings.filter_active);
  CHECK(plan_for({"--exclude", "*:22", "prog"})->settings.filter_active);
  CHECK(plan_for({"prog"}, {"SMC_INCLUDE=10.0.0.0/8"})->settings.filter_active);
  CHECK_FALSE(plan_for({"prog"})->settings.strict);
  CHECK(plan_for({"--strict", "prog"})->settings.strict);
  CHECK(plan_for({"prog"}, {"SMC_STRICT=1"})->settings.strict);
}

TEST_CASE("plan exports --include and --exclude, added to the environment's lists") {
  struct Row {
    Args args;
    Env env;
    const char* exported;  // the plan's variables
    const char* why;       // of the last one
  };
  const Row rows[] = {
      {{"--exclude", "10.0.0.0/8", "prog"}, {}, "SMC_EXCLUDE=10.0.0.0/8 ", "--exclude 10.0.0.0/8"},
      {{"--include", "[fd00::]/8:443", "--include", "*:22", "prog"},
       {},
       "SMC_INCLUDE=[fd00::]/8:443,*:22 ",
       "--include [fd00::]/8:443 --include *:22"},
      {{"--exclude", "*:22", "prog"},
       {"SMC_EXCLUDE=10.0.0.0/8"},
       "SMC_EXCLUDE=10.0.0.0/8,*:22 ",
       "--exclude *:22, added to SMC_EXCLUDE in the environment"},
      {{"--include", "10.0.0.0/8", "--exclude", "10.1.0.0/16", "prog"},
       {"SMC_EXCLUDE= , "},
       "SMC_INCLUDE=10.0.0.0/8 SMC_EXCLUDE=10.1.0.0/16 ",
       "--exclude 10.1.0.0/16"},
      // From the environment alone: checked, left as it is.
      {{"prog"}, {"SMC_INCLUDE=10.0.0.0/8", "SMC_EXCLUDE="}, "", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.exported);
    const auto p = plan_for(row.args, row.env);
    REQUIRE_MESSAGE(p.ok(), p.error().message);
    CHECK(env_of(*p) == row.exported);
    if (!vars_of(*p).empty()) CHECK(vars_of(*p).back().why == row.why);
  }
}

TEST_CASE("plan refuses malformed lists, naming the entry and where it came from") {
  std::string many;
  for (int k = 1; k <= 33; ++k) many += "10.0.0." + std::to_string(k) + ",";
  const std::string many_env = "SMC_INCLUDE=" + many;
  std::string twenty = "1.1.1.1";
  for (int k = 1; k < 20; ++k) twenty += ",1.1.1.1";
  const std::string twenty_env = "SMC_EXCLUDE=" + twenty;
  struct Row {
    Args args;
    Env env;
    std::string message;
  };
  const Row rows[] = {
      {{"prog"}, {"SMC_EXCLUDE=10.0.0.0/33"},
       "invalid SMC_EXCLUDE entry '10.0.0.0/33' in the environment: prefix length above 32 "
       "(IPv4) or 128 (IPv6)"},
      {{"prog"}, {"SMC_INCLUDE=10.0.0.0/8, fd00::1"},
       "invalid SMC_INCLUDE entry 'fd00::1' in the environment: IPv6 addresses go in "
       "brackets, as in [fd00::1]/64:443"},
      {{"prog"}, {many_env.c_str()}, "invalid SMC_INCLUDE in the environment: 33 entries, at most 32"},
      // Options do not hide a bad environment: their lists are added to it.
      {{"--exclude", "*:22", "prog"}, {"SMC_EXCLUDE=bogus"},
       "invalid SMC_EXCLUDE entry 'bogus' in the environment: not an IPv4 address, an IPv6 "
       "address in brackets or *"},
      {{"--include", "10.0.0.0/8,[::1", "prog"}, {},
       "invalid --include entry '[::1': missing ] after the IPv6 address"},
      {{"--exclude", "*:0", "prog"}, {}, "invalid --exclude entry '*:0': a port must be a number from 1 to 65535"},
      {{"--exclude", "a'b", "prog"}, {}, "invalid --exclude entry $'a\\'b': not an IPv4 address, an IPv6 address in brackets or *"},
      {{"--include", "", "prog"}, {}, "--include needs a non-empty LIST"},
      {{"--exclude", " , ", "prog"}, {}, "--exclude needs a non-empty LIST"},
      {{"--include", many, "prog"}, {}, "--include gives 33 entries, at most 32"},
      {{"--exclude", twenty, "prog"}, {twenty_env.c_str()},
       "--exclude and SMC_EXCLUDE give 40 entries, at most 32"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.message);
    const auto p = plan_for(row.args, row.env);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().kind == ErrorKind::kUsage);
    CHECK(p.error().message == row.message);
  }
}

TEST_CASE("changed settings are those the plan changes once parsed, by the option that asked") {
  struct Row {
    Args args;
    Env env;
    std::vector<std::string> changed;
  };
  const Row rows[] = {
      {{"prog"}, {}, {}},
      {{"-t", "1m", "-d", "prog"}, {}, {"-t 1m", "-d"}},
      // The environment already says so, in another spelling.
      {{"-t", "64k", "-d", "prog"}, {"SMC_SNDBUF=65536", "SMC_DEBUG=1"}, {}},
      {{"prog"}, {"SMC_SNDBUF=64k"}, {}},
      {{"-t", "1m", "prog"}, {"SMC_SNDBUF=64k"}, {"-t 1m"}},
      {{"--strict", "-f", "smc", "prog"}, {"SMC_SOCK_FAMILY=smc"}, {"--strict"}},
      {{"--exclude", "*:22", "prog"}, {}, {"--exclude *:22"}},
      {{"--exclude", "*:22", "prog"},
       {"SMC_EXCLUDE=10.0.0.0/8"},
       {"--exclude *:22, added to SMC_EXCLUDE in the environment"}},
      {{"--summary", "--no-inherit", "prog"}, {}, {"--summary"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.args.front());
    const Result<Plan> p = plan_for(row.args, row.env);
    REQUIRE(p.ok());
    CHECK(changed_settings(*p) == row.changed);
  }
}

TEST_CASE("plan adds the options' rules to the environment's without reading text again") {
  const auto p = plan_for({"--exclude", "*:22", "--exclude", " [::1]:443 ,", "prog"},
                          {"SMC_EXCLUDE=10.0.0.0/8"});
  REQUIRE(p.ok());
  const RuleList& exclude = p->settings.exclude;
  REQUIRE(exclude.count == 3);
  CHECK(exclude.entries == 3);
  CHECK(exclude.first_error == RuleError::kNone);
  CHECK(std::string(exclude.rules[0].text, exclude.rules[0].length) == "10.0.0.0/8");
  CHECK(std::string(exclude.rules[2].text, exclude.rules[2].length) == "[::1]:443");
  CHECK(exclude.rules[2].port_low == 443);
  CHECK(exclude.text == nullptr);  // no one text holds them
  CHECK(p->environment.exclude.count == 1);
  CHECK(p->settings.filter_active);
  CHECK(env_of(*p) == "SMC_EXCLUDE=10.0.0.0/8,*:22,[::1]:443 ");
}

TEST_CASE("what the library reads from PROGRAM's environment is what the supervisor is handed") {
  const std::string long_path = "/tmp/" + std::string(300, 's') + " summary.json";
  struct Row {
    Args args;
    Env env;
  };
  const Row rows[] = {
      {{"prog"}, {}},
      {{"-r", "256k", "-t", "1m", "-d", "prog"}, {}},
      {{"-t", "64k", "prog"}, {"SMC_SNDBUF=1g", "SMC_RCVBUF=8k"}},
      {{"prog"}, {"SMC_SNDBUF=64k", "SMC_DEBUG=yes", "SMC_STRICT=0"}},
      {{"-f", "auto", "prog"}, {"SMC_SOCK_FAMILY=smc"}},
      {{"-f", "inet", "--strict", "--no-inherit", "--summary", "prog"},
       {"SMC_INHERIT=1", "SMC_SUMMARY=0"}},
      {{"--summary-file", "/tmp/a b=c.json", "prog"}, {"SMC_SUMMARY_FILE=/other.json"}},
      {{"--summary-file", long_path, "prog"}, {}},
      {{"--include", "[fd00::]/8:443", "--include", "*:22", "prog"}, {}},
      {{"--exclude", "*:22, [::1]", "prog"}, {"SMC_EXCLUDE= 10.0.0.0/8 , ", "SMC_EXCLUDE=*"}},
      {{"--exclude", "1.1.1.1", "prog"}, {"SMC_EXCLUDE= , "}},
      {{"prog"}, {"SMC_INCLUDE= , 127.0.0.1 ,"}},
      {{"--mechanism", "seccomp", "-d", "prog"}, {"SMC_MECHANISM=preload", "SMC_STRICT=1"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.args.front());
    const Result<Plan> p = plan_for(row.args, row.env);
    REQUIRE_MESSAGE(p.ok(), p.error().message);
    // PROGRAM's environment as the launcher's setenv() makes it: each
    // variable replaces the first entry of its name, or is added.
    std::vector<std::string> entries(row.env.begin(), row.env.end());
    for (const EnvVar& var : vars_of(*p)) {
      const std::string entry = var.name + "=" + var.value;
      bool replaced = false;
      for (std::string& e : entries) {
        if (!replaced && e.rfind(var.name + "=", 0) == 0) {
          e = entry;
          replaced = true;
        }
      }
      if (!replaced) entries.push_back(entry);
    }
    Env program;
    for (const std::string& e : entries) program.push_back(e.c_str());
    program.push_back(nullptr);
    const Settings read = read_settings(program.data());
    for (int k = 0; k < kSettingsVariables; ++k) {
      const std::string name = variable_name(static_cast<SettingsVariable>(k));
      CAPTURE(name);
      CHECK(same_setting(static_cast<SettingsVariable>(k), read, p->settings));
    }
    CHECK(read.filter_active == p->settings.filter_active);
  }
}

}  // namespace
}  // namespace smc
