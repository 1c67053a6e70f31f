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
// The one rule for every mechanism: when nothing serves PROGRAM (another
// architecture, a privileged program a user starts, a static program under
// --mechanism preload...), one warning says why; under --strict, smc_run
// refuses to run it instead.
// The library is offered only to a PROGRAM that loads it (carries_library):
// its LD_PRELOAD=/proc/self/fd/N names our memfd only while PROGRAM keeps
// that descriptor, which one that does not load the library may close or
// reuse, and then its dynamic children would load whatever sits on N.
//   bpf      the kernel's update_socket_protocol hook, scoped to PROGRAM's
//            tree (core/bpf: registered before exec, removed by the
//            kernel when the tree ends), and the library where it reaches
//            only when the settings give it work the hook cannot do (-d
//            lines, summaries, buffer sizes, AF_SMC by name:
//            base/settings.h, asks_library_beyond_conversion); else no
//            memfd is made and PROGRAM loads nothing. Needs the
//            privileges, bpffs, the hook and IPPROTO_SMC: where one is
//            missing, or registering the tree fails at launch, one warning
//            names it and auto's choice serves instead (--strict: smc_run
//            fails). --include/--exclude are refused with it: the hook
//            converts every TCP socket of the tree, with no per-connection
//            filter.
//   auto as root (CAP_SYS_ADMIN) with no connection filter: the BPF hook
//            where it works, in place of the seccomp net and supervisor;
//            where the probe finds it missing, said under -d; where
//            registering the tree fails at launch, one warning, and the
//            library and the supervisor serve as without the hook.
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
  // The settings give the library work beyond converting sockets
  // (asks_library_beyond_conversion): under the BPF hook, PROGRAM gets the
  // library only then.
  bool library_work = false;
  bool strict = false;
  bool filter = false;        // --include/--exclude are in force
  // Why the BPF hook cannot serve, "" when it can; nullopt when not asked
  // (auto without CAP_SYS_ADMIN, or with a connection filter).
  std::optional<std::string> bpf_why_not;
  // bpf_why_not is why registering PROGRAM's tree failed at launch, after
  // the probe had found the hook able to serve: the choice is made again
  // as where the hook is missing, and said in a warning under auto too.
  bool bpf_failed_at_launch = false;
};

struct MechanismChoice {
  bool library = false;        // give PROGRAM the preload library
  bool seccomp = false;        // install the filter and start a supervisor
  bool no_new_privs = false;   // set it before installing
  bool bpf = false;            // register PROGRAM's tree with the BPF hook
  std::vector<std::string> notes;     // under -d and -n
  std::vector<std::string> warnings;  // always, one line each
  std::optional<std::string> refusal;  // --strict: smc_run fails with it
  // Some mechanism serves PROGRAM itself: the library it carries, or a
  // supervisor whose filter sees its calls. When none does, one warning
  // says why, and --strict refuses instead.
  bool served = false;
  bool refusal_is_usage = false;       // a bad combination of options (exit 1)
};

MechanismChoice choose_mechanism(const MechanismFacts& facts);

// Whether deciding needs to know if the BPF hook can serve: --mechanism
// bpf, or auto as root with no connection filter.
bool wants_bpf_probe(MechanismRequest request, const Privileges& privileges, bool filter);

}  // namespace smc
