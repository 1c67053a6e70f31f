#include "core/launcher/plan.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace smc {
namespace {

using Args = std::vector<std::string>;
using Env = std::vector<const char*>;

Result<Plan> plan_for(const Args& args, Env env = {}) {
  const Result<Options> options = parse_options(args);
  REQUIRE_MESSAGE(options.ok(), options.error().message);
  env.push_back(nullptr);
  return make_plan(*options, env.data());
}

std::string env_of(const Plan& plan) {
  std::string text;
  for (const EnvVar& v : plan.env) text += v.name + "=" + v.value + " ";
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
  CHECK_FALSE(p->debug);
}

TEST_CASE("plan takes sizes from the environment when no option gives them") {
  const auto p = plan_for({"prog"}, {"SMC_SNDBUF=64k", "SMC_RCVBUF=8192"});
  REQUIRE(p.ok());
  CHECK(env_of(*p) == "SMC_RCVBUF=8192 SMC_SNDBUF=65536 ");
  CHECK(sysctls_of(*p) == "net.core.rmem_max>=8192 net.core.wmem_max>=65536 ");
  CHECK(p->env[1].why == "SMC_SNDBUF=64k in the environment");
}

TEST_CASE("plan lets options win over the environment, even a bad one") {
  const auto p = plan_for({"-t", "2m", "prog"}, {"SMC_SNDBUF=1g"});
  REQUIRE(p.ok());
  CHECK(env_of(*p) == "SMC_SNDBUF=2097152 ");
  CHECK(p->env[0].why == "-t 2m");
}

TEST_CASE("plan rejects a bad size in the environment, naming it") {
  const auto p = plan_for({"prog"}, {"SMC_RCVBUF=1g"});
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().kind == ErrorKind::kUsage);
  CHECK(p.error().message ==
        "invalid SMC_RCVBUF '1g' in the environment: unknown suffix (use k "
        "or m)");
}

TEST_CASE("plan turns -d, --strict and --no-inherit into the library's variables") {
  auto p = plan_for({"-d", "--strict", "--no-inherit", "prog"});
  REQUIRE(p.ok());
  CHECK(p->debug);
  CHECK(env_of(*p) == "SMC_DEBUG=1 SMC_STRICT=1 SMC_INHERIT=0 ");
  CHECK(p->sysctls.empty());

  // SMC_DEBUG already set means diagnostics from the launcher too, and the
  // variable reaches PROGRAM untouched.
  p = plan_for({"prog"}, {"SMC_DEBUG=1"});
  REQUIRE(p.ok());
  CHECK(p->debug);
  CHECK(p->env.empty());
  p = plan_for({"prog"}, {"SMC_DEBUG=0"});
  CHECK_FALSE(p->debug);
}

}  // namespace
}  // namespace smc
