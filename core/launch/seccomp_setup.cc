#include "core/launch/seccomp_setup.h"

#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "core/bpf/scope_commands.h"
#include "core/supervisor/seccomp.h"
#include "core/supervisor/seccomp_filter.h"
#include "core/supervisor/supervisor_process.h"

namespace smc {
namespace {

// Asks this process's seccomp filters proof call `k` (base/library_mark.h):
// the errno answered, or 0 when a descriptor was made (no filter answered,
// and the kernel took the call; then it is closed).
int proof_call(int k) {
  const unsigned long type = (static_cast<unsigned long>(kProofMark) << 32) |
                             static_cast<unsigned>(k);
  errno = 0;
  const long fd = syscall(SYS_socket, -1, type, 0);
  if (fd >= 0) {
    close(static_cast<int>(fd));
    return 0;
  }
  return errno;
}

// Whether this process's filter chain holds the filter smc_run installed
// for supervisor `pid`: its answers to the proof calls name `pid`.
bool filter_of(long pid) {
  const int saved_errno = errno;
  bool proven = true;
  for (int k = 0; k < kProofCalls && proven; ++k) {
    proven = proof_call(k) == proof_answer(pid, k);
  }
  errno = saved_errno;
  return proven;
}

// The pid of an outer smc_run's supervisor that serves this process: it
// named itself in the environment, this process is filtered, that pid
// still is a supervisor, and the filter proves it is the one whose
// listener that supervisor holds (a stale variable under an unrelated
// filter proves nothing).
long outer_supervisor(const Privileges& privileges) {
  const char* text = std::getenv(kSupervisorVariable);
  if (!privileges.filtered || text == nullptr) return 0;
  char* end = nullptr;
  const long pid = std::strtol(text, &end, 10);
  if (pid <= 0 || end == text || *end != '\0') return 0;
  std::ifstream comm(fmt::format("/proc/{}/comm", pid));
  std::string name;
  std::getline(comm, name);
  return name == "smc_run-seccomp" && filter_of(pid) ? pid : 0;
}

}  // namespace

LaunchFacts mechanism_facts(const Plan& plan, const Reach& reach, const std::string& shown) {
  LaunchFacts launch;
  MechanismFacts& facts = launch.facts;
  facts.request = plan.mechanism;
  facts.program = shown;
  facts.reach = &reach;
  facts.other_abi_served = reach.other_abi_arch != 0 && native_abi() &&
                           abi_of_arch(*native_abi(), reach.other_abi_arch) != nullptr;
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
  facts.filter = plan.settings.filter_active;
  facts.library_work = asks_library_beyond_conversion(plan.settings);
  if (wants_bpf_probe(facts.request, facts.privileges, facts.filter)) {
    Result<bpf::LaunchSupport> bpf = bpf::launch_support();
    facts.bpf_why_not = bpf ? std::string() : bpf.error().message;
    if (bpf) launch.bpf = std::move(*bpf);
  }
  return launch;
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
      install_filter(build_filter(*native_abi(), {connections, supervisor->pid}), no_new_privs);
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
