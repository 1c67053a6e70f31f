#include "core/common/roles.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace smc {
namespace {

using Args = std::vector<std::string>;

TEST_CASE("role table lists smc_run first and links for the others") {
  REQUIRE(roles().size() == 6);
  CHECK(roles()[0].role == Role::kSmcRun);
  CHECK(linkable_roles() ==
        std::vector<std::string_view>{"smcss", "smcd", "smcr", "smc_chk", "smc_scope"});
  for (const RoleName& entry : roles()) {
    CAPTURE(entry.name);
    const auto r = resolve_invocation(Args{"smc_run", "--role", std::string(entry.name)});
    REQUIRE(r.ok());
    CHECK(r->role == entry.role);
  }
}

TEST_CASE("role comes from the last component of argv[0]") {
  struct Row {
    const char* argv0;
    Role role;
    const char* name;
  };
  const Row rows[] = {
      {"/usr/local/bin/smc_run", Role::kSmcRun, "smc_run"},
      {"smc_run", Role::kSmcRun, "smc_run"},
      {"/usr/sbin/smcss", Role::kSmcss, "smcss"},
      {"./smcd", Role::kSmcd, "smcd"},
      {"/usr/sbin/smcr", Role::kSmcr, "smcr"},
      {"/usr/sbin/smc_chk", Role::kSmcChk, "smc_chk"},
      {"/usr/sbin/smc_scope", Role::kSmcScope, "smc_scope"},
      // Unknown names run as smc_run.
      {"smc_run-1.0", Role::kSmcRun, "smc_run"},
      {"/proc/self/exe", Role::kSmcRun, "smc_run"},
      {"", Role::kSmcRun, "smc_run"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.argv0);
    const auto inv = resolve_invocation(Args{row.argv0, "x"});
    REQUIRE(inv.ok());
    CHECK(inv->role == row.role);
    CHECK(inv->name == row.name);
    CHECK(inv->args == Args{"x"});
  }
  CHECK(program_name("./bin/") == "");
}

TEST_CASE("--role as the first argument picks a role without a link") {
  auto inv = resolve_invocation(Args{"smc_run", "--role", "smcss", "-a"});
  REQUIRE(inv.ok());
  CHECK(inv->role == Role::kSmcss);
  CHECK(inv->name == "smcss");
  CHECK(inv->args == Args{"-a"});
  CHECK_FALSE(inv->errors_on_stdout);

  inv = resolve_invocation(Args{"/x/smc_run", "--role=smcd", "ueid", "show"});
  REQUIRE(inv.ok());
  CHECK(inv->role == Role::kSmcd);
  CHECK(inv->args == Args{"ueid", "show"});

  // Only as the first argument: later it belongs to smc_run or PROGRAM.
  inv = resolve_invocation(Args{"smc_run", "prog", "--role", "smcss"});
  REQUIRE(inv.ok());
  CHECK(inv->role == Role::kSmcRun);
  CHECK(inv->errors_on_stdout);
  CHECK(inv->args == Args{"prog", "--role", "smcss"});

  inv = resolve_invocation(Args{"smc_run", "--role", "smc_chk", "-j"});
  REQUIRE(inv.ok());
  CHECK(inv->role == Role::kSmcChk);
  CHECK(inv->args == Args{"-j"});
  CHECK_FALSE(inv->errors_on_stdout);

  // A bare role name is a PROGRAM for smc_run, as in smc-tools.
  inv = resolve_invocation(Args{"smc_run", "smcss"});
  CHECK(inv->role == Role::kSmcRun);
}

TEST_CASE("--role rejects unknown and missing names") {
  auto inv = resolve_invocation(Args{"smc_run", "--role", "nosuch"});
  REQUIRE_FALSE(inv.ok());
  CHECK(inv.error().message ==
        "unknown role 'nosuch' (roles: smc_run, smcss, smcd, smcr, smc_chk, smc_scope)");
  inv = resolve_invocation(Args{"smc_run", "--role"});
  REQUIRE_FALSE(inv.ok());
  CHECK(inv.error().message == "--role needs a NAME (smc_run, smcss, smcd, smcr, smc_chk, smc_scope)");
  inv = resolve_invocation(Args{"smc_run", "--role="});
  REQUIRE_FALSE(inv.ok());
  CHECK(inv.error().message == "unknown role '' (roles: smc_run, smcss, smcd, smcr, smc_chk, smc_scope)");
}

TEST_CASE("no role runs in secure-execution mode") {
  for (const RoleName& entry : roles()) {
    CAPTURE(entry.name);
    const auto inv = resolve_invocation(Args{"smc_run", "--role", std::string(entry.name)});
    REQUIRE(inv.ok());
    CHECK(refuse_secure_execution(*inv, false).ok());
    const auto refused = refuse_secure_execution(*inv, true);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::kSystem);
    CHECK(refused.error().message.starts_with(std::string(entry.name) +
                                              " is running set-user-ID, "));
  }
}

}  // namespace
}  // namespace smc
