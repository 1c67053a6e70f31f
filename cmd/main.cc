// The smc_run executable: one static file, several roles chosen by argv[0].
// This is the only place that turns errors into output and exit codes.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/launcher/launcher.h"
#include "core/result/result.h"
#include "core/roles/roles.h"

namespace {

// The codes of env(1), nice(1) and the shells: 125 for the launcher's own
// failure, 126/127 for a PROGRAM that cannot run or is not there.
int exit_code(smc::ErrorKind kind) {
  switch (kind) {
    case smc::ErrorKind::kUsage:
      return 1;
    case smc::ErrorKind::kSystem:
      return 125;
    case smc::ErrorKind::kNotExecutable:
      return 126;
    case smc::ErrorKind::kNotFound:
      return 127;
  }
  return 125;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string name(smc::program_name(argc > 0 ? argv[0] : ""));
  const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  const long pid = static_cast<long>(getpid());
  const smc::Console console{
      [&](std::string_view line) {
        fmt::print(stderr, "{}[{}]: {}\n", name, pid, line);
      },
      [&](std::string_view line) {
        fmt::print(stderr, "{}: Warning: {}\n", name, line);
      },
  };

  smc::Result<std::string> result = smc::Error{smc::ErrorKind::kSystem, ""};
  switch (smc::role_for(name)) {
    case smc::Role::kSmcRun:
      result = smc::run_smc_run(args, console);
      break;
  }
  if (!result) {
    // smc-tools' smc_run prints its errors on stdout; scripts match them.
    fmt::print(stdout, "{}: Error: {}\n", name, result.error().message);
    return exit_code(result.error().kind);
  }
  fmt::print(stdout, "{}", *result);
  return std::fflush(stdout) == 0 ? 0 : 125;
}
