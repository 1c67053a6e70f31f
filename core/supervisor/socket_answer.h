// The supervisor's answer to a TCP socket() call: it makes the SMC socket
// itself, in its own process, the library's way (base/smc_socket.h: which
// SMC socket, which kinds in which order, which failures mean "SMC is
// missing here"), applies the buffer sizes, and installs it in the caller
// as the call's result. What the call becomes is the library's ruling
// (base/socket_ruling.h), carried out here: where no SMC socket can be
// made, the caller's own call runs (CONTINUE), so the program gets exactly
// the TCP socket, or the error, it would get without smc_run; --strict
// makes the call fail instead, with the errno the library would give.
//
// The socket is made in the supervisor's network namespace, so a caller
// in another one (a program that moved itself, or a child started in a
// new one) keeps its own call: TCP.
#pragma once

#include <linux/seccomp.h>
#include <sys/types.h>

#include "base/settings.h"
#include "base/smc_socket.h"
#include "base/socket_ruling.h"
#include "core/supervisor/listener.h"
#include "core/supervisor/served_processes.h"
#include "core/supervisor/target.h"

namespace smc {

class SocketAnswerer {
 public:
  // `make_socket` makes the supervisor's sockets (socket(2); tests pass
  // one that simulates a kernel with SMC).
  SocketAnswerer(Listener& listener, const Settings& settings,
                 MakeSocketFn make_socket);

  // Answers notification `n`, a socket() call of `who` (read under -d or
  // when outcomes are wanted), whatever happens; counts the TCP socket()
  // calls it answered in `process` (null when outcomes are not wanted).
  void answer(const seccomp_notif& n, const TargetName& who, ServedProcess* process);

 private:
  // Its own call runs, and -d says so: why a TCP call stays TCP, or (null)
  // that the call is no TCP one.
  void unchanged(const TargetName& who, const SocketCall& call, const char* why_tcp);
  // Whether the SMC socket was handed over.
  bool install(const seccomp_notif& n, const TargetName& who,
               const SocketCall& call, const SmcAttempt& made);
  // No SMC socket: carries out `ruling` (TCP or a failure). Whether the
  // caller's own call runs (TCP).
  bool refuse(const seccomp_notif& n, const TargetName& who, const SocketCall& call,
              const Attempts& tried, const SocketRuling& ruling);
  // The plain TCP call's errno (0: it worked), where the ruling asks it.
  int plain_call_error(const SocketCall& call) const;

  Listener& listener_;
  const Settings& settings_;
  MakeSocketFn make_socket_;
  ino_t net_ns_;
  // The kernel is probed once per supervisor, not once per call.
  RefusalMemory refused_;
  bool fallback_announced_ = false;
};

}  // namespace smc
