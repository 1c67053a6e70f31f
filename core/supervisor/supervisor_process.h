// The seccomp supervisor's process. smc_run forks it before the filter
// exists, so that its own calls are never filtered and it is no user of
// the filter (the filter's last user gone, the listener reports POLLHUP
// and the supervisor ends). It is forked twice, so that it is not the
// child of the process that becomes PROGRAM: a wait(-1) in PROGRAM never
// sees it. It leaves the session and process group and ignores the
// signals a terminal, a shell's `kill 0` or a service manager's stop
// would send the whole group (HUP, INT, QUIT, TERM, TSTP...): PROGRAM may
// still make sockets while it shuts down. It keeps no descriptor of the
// launcher's but stderr under -d or --summary (its lines go there), and
// that only while PROGRAM lives with it (core/supervisor/stderr_hold.h),
// so it holds no pipe or terminal open for a program that detached.
// It is named "smc_run-seccomp" (comm) in ps and top.
#pragma once

#include <sys/types.h>

#include "base/settings.h"
#include "core/common/result.h"

namespace smc {

struct Supervisor {
  pid_t pid;
  int channel;  // to hand over the listener
};

// Starts the supervisor, which then waits for its listener, to serve with
// `settings`: PROGRAM's, as the launcher made them (the library reads the
// same from PROGRAM's environment). A fork of the launcher, it is handed
// them as they are, not through the environment.
Result<Supervisor> start_supervisor(const Settings& settings);

// Hands `listener` to the supervisor and waits until it has taken it;
// closes both `listener` and the channel. After an error the supervisor
// is gone and the listener closed: calls the filter sends then fail with
// ENOSYS, so the caller must not start PROGRAM.
Result<Ok> hand_over(Supervisor& supervisor, int listener);

// Tells the supervisor that no listener will come: it ends.
void call_off(Supervisor& supervisor);

}  // namespace smc
