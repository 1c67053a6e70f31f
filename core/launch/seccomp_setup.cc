#include "core/launch/seccomp_setup.h"

#include <sys/prctl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "core/supervisor/seccomp.h"
#include "core/supervisor/seccomp_filter.h"
#include "core/supervisor/supervisor_process.h"

namespace smc {
namespace {

// The pid of an outer smc_run's supervisor that serves this process: it
// named itself in the environment, this process is filtered, and that pid
// still is a supervisor.
long outer_supervisor(const Privileges& privileges) {
  const char* text = std::getenv(kSupervisorVariable);
  if (!privileges.filtered || text == nullptr) return 0;
  char* end = nullptr;
  const long pid = std::strtol(text, &end, 10);
  if (pid <= 0 || end == text || *end != '\0') return 0;
  std::ifstream comm(fmt::format("/proc/{}/comm", pid));
  std::string name;
  std::getline(comm, name);
  return name == "smc_run-seccomp" ? pid : 0;
}

}  // namespace

MechanismChoice decide_mechanism(const Plan& plan, const Reach& reach,
                                 const std::string& program) {
  MechanismFacts facts;
  facts.request = plan.mechanism;
  facts.program = program;
  facts.reach = &reach;
  if (facts.request != MechanismRequest::kPreload) {
    facts.seccomp = native_abi() ? probe_seccomp()
                                 : SeccompSupport{false, "smc_run knows no seccomp "
                                                         "numbers for this architecture"};
  }
  facts.privileges = read_privileges();
  facts.outer_supervisor = outer_supervisor(facts.privileges);
  if (facts.outer_supervisor > 0) facts.unshared = changed_settings(plan);
  facts.init_process = getpid() == 1;
  facts.strict = plan.settings.strict;
  return choose_mechanism(facts);
}

Result<SeccompStart> set_up_seccomp(const Settings& settings, bool no_new_privs) {
  const bool connections = settings.filter_active;
  SeccompStart start;
  Result<Supervisor> supervisor = start_supervisor(settings);
  if (!supervisor) {
    start.not_started = supervisor.error().message;
    return start;
  }
  const Result<Installed> installed =
      install_filter(build_filter(*native_abi(), {connections}), no_new_privs);
  if (!installed) {
    call_off(*supervisor);
    start.not_started = installed.error().message;
    return start;
  }
  const Result<Ok> handed = hand_over(*supervisor, installed->listener);
  if (!handed) return handed.error();
  start.supervisor = supervisor->pid;
  start.wait_killable = installed->wait_killable;
  // Under Yama's ptrace_scope 1 only ancestors may look into a process,
  // and the supervisor is none: let it see PROGRAM's sockets and addresses
  // for the connection filter (children are on their own; EINVAL without Yama).
  if (connections) prctl(PR_SET_PTRACER, supervisor->pid, 0, 0, 0);
  return start;
}

}  // namespace smc
