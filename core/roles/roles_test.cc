#include "core/roles/roles.h"

#include <doctest/doctest.h>

namespace smc {
namespace {

TEST_CASE("role comes from the last component of argv[0]") {
  CHECK(program_name("/usr/local/bin/smc_run") == "smc_run");
  CHECK(program_name("smc_run") == "smc_run");
  CHECK(program_name("./bin/") == "");
  CHECK(role_for("/opt/x/smc_run") == Role::kSmcRun);
}

TEST_CASE("unknown names run as smc_run") {
  CHECK(role_for("smc_run-1.0") == Role::kSmcRun);
  CHECK(role_for("/proc/self/exe") == Role::kSmcRun);
  CHECK(role_for("") == Role::kSmcRun);
}

}  // namespace
}  // namespace smc
