#include "core/supervisor/outcome_watch.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "base/log_line.h"
#include "base/socket_log.h"

namespace smc {

std::vector<SocketDescriptor> socket_descriptors(long pid) {
  std::vector<SocketDescriptor> found;
  char folder[64];
  std::snprintf(folder, sizeof folder, "/proc/%ld/fd", pid);
  DIR* dir = opendir(folder);
  if (dir == nullptr) return found;
  while (const dirent* entry = readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0') continue;
    char link[64];
    const ssize_t n = readlinkat(dirfd(dir), entry->d_name, link, sizeof link - 1);
    if (n <= 0) continue;
    link[n] = '\0';
    unsigned long long inode = 0;
    if (std::sscanf(link, "socket:[%llu]", &inode) == 1) {
      found.push_back({static_cast<int>(fd), inode});
    }
  }
  closedir(dir);
  return found;
}

std::vector<SeenConnection> new_connections(const std::vector<SmcSocket>& dump,
                                            const std::vector<SocketDescriptor>& descriptors,
                                            const std::unordered_set<std::uint64_t>& counted) {
  std::unordered_map<std::uint64_t, const SmcSocket*> by_inode;
  for (const SmcSocket& s : dump) {
    if (s.inode != 0 && connection_settled(s.state)) by_inode[s.inode] = &s;
  }
  std::vector<SeenConnection> seen;
  std::unordered_set<std::uint64_t> here;  // dup()ed descriptors count once
  for (const SocketDescriptor& d : descriptors) {
    const auto found = by_inode.find(d.inode);
    if (found == by_inode.end() || counted.count(d.inode) > 0) continue;
    if (here.insert(d.inode).second) seen.push_back({d.fd, found->second});
  }
  return seen;
}

bool OutcomeWatch::wanted(ServedProcesses& processes) {
  if (unreadable_) return false;
  bool any = false;
  processes.each([&](ServedProcess& p) { any = any || p.has_smc; });
  return any;
}

void OutcomeWatch::look(ServedProcesses& processes, ServedProcess* only) {
  if (unreadable_ || (only != nullptr && !only->has_smc)) return;
  Result<std::vector<SmcSocket>> dump = list_();
  if (!dump) {
    unreadable_ = true;
    if (debug_) {
      LogLine(only != nullptr ? only->who.name : "smc_run-seccomp",
              only != nullptr ? only->pid : getpid())
          .str("seccomp: ")
          .str(dump.error().message.c_str())
          .str("; what connections become is not seen")
          .emit();
    }
    return;
  }
  if (only != nullptr) {
    look_at(*only, *dump);
    return;
  }
  processes.each([&](ServedProcess& p) {
    if (p.has_smc) look_at(p, *dump);
  });
}

void OutcomeWatch::look_at(ServedProcess& process, const std::vector<SmcSocket>& dump) {
  const std::vector<SocketDescriptor> descriptors = socket_descriptors(process.pid);
  // Only what is still open needs remembering: a closed socket's inode
  // leaves SMC_DIAG with it.
  std::unordered_set<std::uint64_t> open;
  for (const SocketDescriptor& d : descriptors) {
    if (process.counted.count(d.inode) > 0) open.insert(d.inode);
  }
  process.counted.swap(open);
  for (const SeenConnection& c : new_connections(dump, descriptors, process.counted)) {
    process.counted.insert(c.socket->inode);
    const ConnectionOutcome outcome = outcome_of_mode(
        c.socket->mode, c.socket->fallback_reason, c.socket->peer_diagnosis);
    add_outcome(process.counts, outcome);
    if (!debug_) continue;
    LogLine line(process.who.name, process.pid);
    line.str("seccomp: connection on fd ").num(c.fd).str(", ");
    line.str(c.socket->local.c_str()).str(" -> ").str(c.socket->peer.c_str());
    describe_outcome(line, outcome);
    line.emit();
  }
}

}  // namespace smc
