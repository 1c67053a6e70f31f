// Which mechanism makes PROGRAM's TCP sockets SMC: the preload library,
// the seccomp supervisor, or both. Pure: facts in, a choice with its
// reasons out, so that -n, -d and the run agree and a table tests it.
//
// --mechanism (SMC_MECHANISM):
//   preload  the library only, as before seccomp existed.
//   seccomp  the supervisor only; without CAP_SYS_ADMIN that needs
//            no_new_privs, which is set, and said (a warning when PROGRAM
//            itself is setuid, setgid or has file capabilities: it then
//            runs without those privileges).
//   auto     (the default) the library for the programs it reaches; the
//            supervisor for those it cannot (static, Go, and 32-bit x86
//            programs on x86_64, which the library cannot load into); as a user with
//            CAP_SYS_ADMIN (root), who needs no no_new_privs, also the
//            supervisor as a net under the library (static children,
//            setuid programs, raw system calls) and for setuid programs.
//            Without CAP_SYS_ADMIN, never no_new_privs for a privileged
//            PROGRAM: it keeps its privileges and runs without SMC.
// An smc_run supervisor that already serves this process (nested smc_run)
// is relied on: the kernel allows one listener per filter chain. It serves
// with its own smc_run's settings, so this smc_run's differing ones (-t,
// -d, --exclude...) do not reach what only the supervisor serves: said
// under -d, and as a warning when PROGRAM itself is such a program.
// Where seccomp notification is unavailable, one warning says so and
// PROGRAM runs as it would have before (--strict: smc_run fails instead).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/launch/mechanism_request.h"
#include "core/launch/reach.h"
#include "core/supervisor/seccomp.h"

namespace smc {

struct MechanismFacts {
  MechanismRequest request = MechanismRequest::kAuto;
  std::string_view program;  // as shown in messages
  const Reach* reach = nullptr;
  SeccompSupport seccomp;    // with why_not when unavailable
  Privileges privileges;
  long outer_supervisor = 0;  // pid of an smc_run supervisor serving us
  // This smc_run's settings that the outer supervisor does not share, as
  // the options that asked for them ("-t 1m", "-d"): it serves with its
  // own smc_run's.
  std::vector<std::string> unshared;
  // The supervisor serves the calls of reach->other_abi_arch (a 32-bit x86
  // program on x86_64: core/supervisor/seccomp_filter.h, SyscallAbi.compat).
  bool other_abi_served = false;
  bool init_process = false;  // smc_run is pid 1 (a container's entrypoint)
  bool strict = false;
};

struct MechanismChoice {
  bool library = false;        // give PROGRAM the preload library
  bool seccomp = false;        // install the filter and start a supervisor
  bool no_new_privs = false;   // set it before installing
  std::vector<std::string> notes;     // under -d and -n
  std::vector<std::string> warnings;  // always, one line each
  std::optional<std::string> refusal;  // --strict: smc_run fails with it
};

MechanismChoice choose_mechanism(const MechanismFacts& facts);

}  // namespace smc
