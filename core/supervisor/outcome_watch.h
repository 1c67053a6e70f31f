// What the supervisor can know of its programs' connections, from the
// kernel: it never sees connect() or accept() return (only socket(), and
// with a connection filter the calls before connect() and listen()), so it
// looks instead. A look reads SMC_DIAG once (every SMC socket of this
// network namespace, net/smc/smc_diag.c) and the descriptors of each
// process it made an SMC socket for (/proc/PID/fd: "socket:[INODE]"), and
// matches them by inode. Each SMC socket there whose connection is settled
// (base/connection_outcome.h, connection_settled: past INIT, not
// listening) is counted once for its process's summary and said under -d,
// the client's own sockets and those accepted from its listeners alike.
//
// When: before answering each TCP socket() call of that process, and every
// kLookInterval for all of them. A socket's inode is gone from SMC_DIAG once
// it is closed (sock_orphan: its inode reads 0), so a connection that opens
// and closes between two looks, in a process that makes no socket() call
// meanwhile, is not seen: the summary counts what was seen, never guesses.
// Connections of sockets left TCP (SMC missing, or excluded by the
// connection filter) are not looked for: SMC_DIAG does not list them.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/common/result.h"
#include "core/kernel/smc_diag.h"
#include "core/supervisor/served_processes.h"

namespace smc {

inline constexpr std::chrono::milliseconds kLookInterval{100};

// Every SMC socket of this network namespace: list_smc_sockets() (tests
// pass one that shows TCP sockets as SMC-D ones).
using ListSmcSocketsFn = Result<std::vector<SmcSocket>> (*)();

// A socket descriptor of a process.
struct SocketDescriptor {
  int fd;
  std::uint64_t inode;
};

// The socket descriptors of process `pid` (/proc/PID/fd), in no order;
// empty when it cannot be read.
std::vector<SocketDescriptor> socket_descriptors(long pid);

struct SeenConnection {
  int fd;
  const SmcSocket* socket;  // into the dump
};

// Which of `descriptors` hold SMC connections that `dump` shows settled
// and `counted` does not have yet. Pure.
std::vector<SeenConnection> new_connections(const std::vector<SmcSocket>& dump,
                                            const std::vector<SocketDescriptor>& descriptors,
                                            const std::unordered_set<std::uint64_t>& counted);

class OutcomeWatch {
 public:
  OutcomeWatch(ListSmcSocketsFn list, bool debug) : list_(list), debug_(debug) {}

  // Looks at `only` (one process), or at every process with an SMC socket
  // from us when it is null; counts and says what is new.
  void look(ServedProcesses& processes, ServedProcess* only);

  // Whether a process has an SMC socket to look at (then looks are due
  // every kLookInterval), and SMC_DIAG can be read.
  bool wanted(ServedProcesses& processes);

 private:
  void look_at(ServedProcess& process, const std::vector<SmcSocket>& dump);

  ListSmcSocketsFn list_;
  bool debug_;
  bool unreadable_ = false;  // SMC_DIAG failed once: said, and given up
};

}  // namespace smc
