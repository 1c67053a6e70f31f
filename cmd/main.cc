// The smc_run executable: one static file, several roles chosen by argv[0]
// or --role. This is the only place that turns errors into output and exit
// codes.
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/common/result.h"
#include "core/common/roles.h"
#include "core/launch/launcher.h"
#include "core/toolbox/smc_chk/smc_chk.h"
#include "core/toolbox/smc_scope/smc_scope.h"
#include "core/toolbox/smcd/smcd.h"
#include "core/toolbox/smcr/smcr.h"
#include "core/toolbox/smcss/smcss.h"

namespace {

// The codes of env(1), nice(1) and the shells: 125 for our own failure,
// 126/127 for a PROGRAM that cannot run or is not there; 3 and 4 for what
// smc_scope needs of the host and of its caller (smc_scope.8).
int exit_code(smc::ErrorKind kind) {
  switch (kind) {
    case smc::ErrorKind::kUsage:
      return 1;
    case smc::ErrorKind::kUnsupported:
      return 3;
    case smc::ErrorKind::kNotPermitted:
      return 4;
    case smc::ErrorKind::kSystem:
      return 125;
    case smc::ErrorKind::kNotExecutable:
      return 126;
    case smc::ErrorKind::kNotFound:
      return 127;
  }
  return 125;
}

// Writes without throwing (fmt::print throws when the stream is closed):
// a closed stdout or stderr must not crash us. False when it failed.
bool write_out(std::FILE* stream, std::string_view text) {
  return std::fwrite(text.data(), 1, text.size(), stream) == text.size() &&
         std::fflush(stream) == 0;
}

// smc_chk's answer "SMC would not be used". It is no error of smc_chk, and
// 1 (usage) and 125 (own failure) mean those for every role, so a check
// that ran and says no gets a code of its own.
constexpr int kExitSmcNotUsed = 2;

int fail(const std::string& name, bool on_stdout, const smc::Error& error) {
  write_out(on_stdout ? stdout : stderr,
            fmt::format("{}: Error: {}\n", name, error.message));
  return exit_code(error.kind);
}

int run(int argc, char** argv) {
  const std::vector<std::string> argv_copy(argv, argv + argc);
  const smc::Result<smc::Invocation> invocation =
      smc::resolve_invocation(argv_copy);
  if (!invocation) {
    // Before a role is known, answer as smc_run does: on stdout.
    return fail("smc_run", true, invocation.error());
  }
  const std::string& name = invocation->name;
  const smc::Result<smc::Ok> allowed =
      smc::refuse_secure_execution(*invocation, smc::secure_execution());
  if (!allowed) return fail(name, invocation->errors_on_stdout, allowed.error());
  const long pid = static_cast<long>(getpid());
  // Diagnostics and warnings are best effort: a closed stderr loses them.
  const smc::Console console{
      [&](std::string_view line) {
        write_out(stderr, fmt::format("{}[{}]: {}\n", name, pid, line));
      },
      [&](std::string_view line) {
        write_out(stderr, fmt::format("{}: Warning: {}\n", name, line));
      },
  };

  smc::Result<std::string> result = std::string();
  switch (invocation->role) {
    case smc::Role::kSmcRun:
      result = smc::run_smc_run(invocation->args, console);
      break;
    case smc::Role::kSmcss:
      result = smc::run_smcss(invocation->args);
      break;
    case smc::Role::kSmcd:
      result = smc::run_smcd(invocation->args);
      break;
    case smc::Role::kSmcr:
      result = smc::run_smcr(invocation->args);
      break;
    case smc::Role::kSmcScope:
      result = smc::run_smc_scope(invocation->args);
      break;
    case smc::Role::kSmcChk: {
      // smc_chk -S prints a line per connection as it comes, until stopped.
      const smc::Result<smc::ChkOutput> chk = smc::run_smc_chk(
          invocation->args, [](std::string_view text) { write_out(stdout, text); });
      if (!chk) return fail(name, invocation->errors_on_stdout, chk.error());
      if (!write_out(stdout, chk->text)) return exit_code(smc::ErrorKind::kSystem);
      return chk->smc_not_used ? kExitSmcNotUsed : 0;
    }
  }
  if (!result) return fail(name, invocation->errors_on_stdout, result.error());
  return write_out(stdout, *result) ? 0 : exit_code(smc::ErrorKind::kSystem);
}

}  // namespace

int main(int argc, char** argv) {
  // The roles return errors as values; an exception here is a bug or
  // memory running out, and still gets one line and an exit code rather
  // than libstdc++'s "terminate called" and SIGABRT.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    write_out(stdout, fmt::format("smc_run: Error: internal error: {}\n", e.what()));
    return exit_code(smc::ErrorKind::kSystem);
  }
}
