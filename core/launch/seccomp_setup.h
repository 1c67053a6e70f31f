// The launcher's side of the seccomp mechanism: gathering the facts the
// mechanism choice needs (read-only, so -n may ask too), and starting the
// supervisor with its filter just before exec.
#pragma once

#include <string>

#include "base/library_mark.h"  // kSupervisorVariable
#include "base/settings.h"
#include "core/bpf/scope_commands.h"
#include "core/common/result.h"
#include "core/launch/mechanism.h"
#include "core/launch/plan.h"
#include "core/launch/reach.h"

namespace smc {

struct LaunchFacts {
  MechanismFacts facts;
  // Where the BPF hook was probed and can serve: what the probe opened,
  // for the registration of PROGRAM's tree (bpf::register_launch).
  bpf::LaunchSupport bpf;
};

// What choose_mechanism needs, from the kernel and this process; `shown`
// is PROGRAM as messages show it (shell_quote). The facts point into
// `reach` and `shown`, which must outlive them: the launcher chooses again
// from them where registering PROGRAM's tree with the BPF hook fails.
LaunchFacts mechanism_facts(const Plan& plan, const Reach& reach, const std::string& shown);

struct SeccompStart {
  long supervisor = 0;        // > 0: its pid; it serves PROGRAM
  bool wait_killable = false;
  std::string not_started;    // why not, when supervisor == 0
};

// Starts the supervisor with PROGRAM's `settings`, installs the filter
// (after no_new_privs when asked; with connect() and listen() when the
// settings filter connections) and hands the supervisor its listener.
// When something fails before the filter exists, nothing is changed (but
// no_new_privs) and `not_started` says why. An error means the filter
// exists but its supervisor does not: PROGRAM must not be started, as its
// TCP sockets would fail.
Result<SeccompStart> set_up_seccomp(const Settings& settings, bool no_new_privs);

}  // namespace smc
