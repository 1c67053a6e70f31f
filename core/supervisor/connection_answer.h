// The supervisor's answer to connect() and listen() when a connection
// filter is set (SMC_INCLUDE/SMC_EXCLUDE): the library's decision
// (base/connection_filter.h, decide_connection) on the library's endpoints
// (a client by the address it connects to, a server by the address its
// socket is bound to), the library's ruling on it
// (base/connection_ruling.h), and for an excluded SMC socket the library's
// replacement (base/replace_socket.h, replace_with_tcp): a TCP socket
// with the options, flags and bound address of the old one, put on the
// same descriptor number in the caller (SECCOMP_ADDFD_FLAG_SETFD), after
// which the caller's own call runs on it.
//
// The supervisor sees the caller's socket through a copy of its descriptor
// (pidfd_getfd) and the address through process_vm_readv: both need the
// permission ptrace would (the same user, a dumpable program, or
// CAP_SYS_PTRACE; with Yama's ptrace_scope 1 an ancestor). Where it cannot
// look, the call runs as it is and -d says so. The filter is advice for
// the program's own good, not a sandbox: a program that rewrites the
// address between the check and the call only fools itself.
#pragma once

#include <linux/seccomp.h>

#include "base/connection_filter.h"
#include "base/settings.h"
#include "core/supervisor/listener.h"
#include "core/supervisor/target.h"

namespace smc {

class ConnectionAnswerer {
 public:
  ConnectionAnswerer(Listener& listener, const Settings& settings)
      : listener_(listener), settings_(settings) {}

  // `who` is read under -d only.
  void answer_connect(const seccomp_notif& n, const TargetName& who);
  void answer_listen(const seccomp_notif& n, const TargetName& who);

 private:
  struct Call;
  // Our copy of the caller's socket, and its kind; false (the call run as
  // it is) when it cannot be had.
  bool copy_socket(const seccomp_notif& n, Call& call);
  // Decides once, and carries out the ruling (base/connection_ruling.h).
  void decide(const seccomp_notif& n, Call& call);
  // An SMC socket `decision` keeps off SMC, replaced by a TCP one.
  void replace(const seccomp_notif& n, Call& call, const FilterDecision& decision);

  Listener& listener_;
  const Settings& settings_;
};

}  // namespace smc
