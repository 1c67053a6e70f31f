#include "core/launch/init_process.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace smc {
namespace {

// The wait status of a child that did `what`.
int status_of(void (*what)()) {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) what();
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  return status;
}

TEST_CASE("pid 1 ends with PROGRAM's code, or 128 and the signal that ended it") {
  CHECK(init_exit_code(status_of([] { _exit(0); })) == 0);
  CHECK(init_exit_code(status_of([] { _exit(42); })) == 42);
  CHECK(init_exit_code(status_of([] {
          signal(SIGTERM, SIG_DFL);
          raise(SIGTERM);
          _exit(1);
        })) == 143);
  CHECK(init_exit_code(status_of([] {
          raise(SIGKILL);
          _exit(1);
        })) == 137);
}

}  // namespace
}  // namespace smc
