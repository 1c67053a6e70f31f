// The processes the supervisor has answered for, kept while what their
// connections become is wanted (-d, --summary, --summary-file): each with
// its name for the lines, a pidfd that says when it has exited, its counts
// for the exit summary, and the SMC connections already counted.
//
// A process is known by its pid (the thread-group id): a program that
// execs keeps it, and its summary then names what it became.
#pragma once

#include <poll.h>
#include <sys/types.h>

#include <climits>
#include <cstdint>
#include <map>
#include <unordered_set>
#include <vector>

#include "base/summary.h"
#include "core/supervisor/target.h"

namespace smc {

struct ServedProcess {
  long pid = 0;
  int pidfd = -1;  // readable once the process has exited
  TargetName who{};
  SummaryCounts counts;
  // An SMC socket came from us: its descriptors are worth looking at.
  bool has_smc = false;
  std::unordered_set<std::uint64_t> counted;  // SMC socket inodes
};

// A TCP socket() call answered for `process` (when outcomes are wanted:
// else null), made SMC with `kind` or left TCP.
void count_socket(ServedProcess* process, bool converted, SmcSocketKind kind);

class ServedProcesses {
 public:
  // Notes the descriptor limit (RLIMIT_NOFILE) pidfds may take up to.
  ServedProcesses();
  ~ServedProcesses();
  ServedProcesses(const ServedProcesses&) = delete;
  ServedProcesses& operator=(const ServedProcesses&) = delete;

  // The entry of `who`'s process, added on first sight with a pidfd; its
  // name brought up to date (it may have exec'd). nullptr, with errno, when
  // it is gone (ESRCH) or cannot be kept track of (EMFILE...).
  ServedProcess* note(const TargetName& who);

  // Counts process `pid` as one whose summary is missing or cut short;
  // true the first time.
  bool count_untracked(long pid) { return untracked_.insert(pid).second; }

  // How many processes were counted so.
  long untracked() const { return static_cast<long>(untracked_.size()); }

  ServedProcess* find(long pid);

  // Whether the process of `pid`'s entry has exited (its pid may be
  // another process's by now).
  bool exited(long pid) const;

  // Ends the entry of `pid` (after its summary is written).
  void remove(long pid);

  // Each entry, in pid order.
  template <typename Fn>
  void each(Fn&& fn) {
    for (auto& [pid, process] : processes_) fn(process);
  }

  // The pidfds to poll, each tagged with its pid.
  void poll_set(std::vector<pollfd>& fds, std::vector<long>& pids) const;

  bool empty() const { return processes_.empty(); }

 private:
  std::map<long, ServedProcess> processes_;
  std::unordered_set<long> untracked_;
  // Descriptors below the limit that pidfds leave free.
  static constexpr int kKeptDescriptors = 8;
  int descriptor_room_ = INT_MAX;  // pidfds get numbers below it
};

}  // namespace smc
