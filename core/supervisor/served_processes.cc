#include "core/supervisor/served_processes.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>

namespace smc {

void count_socket(ServedProcess* process, bool converted, SmcSocketKind kind) {
  if (process == nullptr) return;
  process->counts.sockets += 1;
  if (!converted) return;
  process->has_smc = true;
  (kind == SmcSocketKind::kInet ? process->counts.converted_inet
                                 : process->counts.converted_smc) += 1;
}

ServedProcesses::ServedProcesses() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur < static_cast<rlim_t>(INT_MAX)) {
    descriptor_room_ = static_cast<int>(limit.rlim_cur) - kKeptDescriptors;
  }
}

ServedProcesses::~ServedProcesses() {
  for (auto& [pid, process] : processes_) close(process.pidfd);
}

ServedProcess* ServedProcesses::note(const TargetName& who) {
  const auto found = processes_.find(who.pid);
  if (found != processes_.end()) {
    found->second.who = who;
    return &found->second;
  }
  // pidfd_open (Linux 5.3) by the pid /proc gave: if that process ended
  // and the number was taken meanwhile, the caller's still_waiting() check
  // fails and nothing is counted under it.
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, who.pid, 0));
  if (pidfd < 0) return nullptr;
  if (pidfd >= descriptor_room_) {
    // The last descriptors are kept for the work itself: writing the
    // summaries, SMC_DIAG, the SMC sockets made, /proc; a summary lost
    // for want of one would be lost unsaid.
    close(pidfd);
    errno = EMFILE;
    return nullptr;
  }
  ServedProcess& process = processes_[who.pid];
  process.pid = who.pid;
  process.pidfd = pidfd;
  process.who = who;
  return &process;
}

ServedProcess* ServedProcesses::find(long pid) {
  const auto found = processes_.find(pid);
  return found == processes_.end() ? nullptr : &found->second;
}

bool ServedProcesses::exited(long pid) const {
  const auto found = processes_.find(pid);
  if (found == processes_.end()) return false;
  pollfd p{found->second.pidfd, POLLIN, 0};
  return poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0;
}

void ServedProcesses::remove(long pid) {
  const auto found = processes_.find(pid);
  if (found == processes_.end()) return;
  close(found->second.pidfd);
  processes_.erase(found);
}

void ServedProcesses::poll_set(std::vector<pollfd>& fds, std::vector<long>& pids) const {
  for (const auto& [pid, process] : processes_) {
    fds.push_back({process.pidfd, POLLIN, 0});
    pids.push_back(pid);
  }
}

}  // namespace smc
