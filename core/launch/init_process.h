// smc_run as pid 1 (a container's entrypoint) when the seccomp supervisor
// serves PROGRAM. Orphans go to pid 1, so had smc_run become PROGRAM the
// supervisor would be PROGRAM's child (a wait(-1) in it would see the
// supervisor, and one that waits for all its children would wait forever:
// the supervisor ends only after it), and when pid 1 exits the kernel kills
// everything left, the supervisor before it wrote the last summaries.
//
// So there, and only there, smc_run stays pid 1 as a minimal init, as
// `docker run --init` (tini) would be: PROGRAM runs as its child, gets
// every signal pid 1 receives (but SIGCHLD), orphans are reaped, and pid 1
// exits with PROGRAM's status (128+N when signal N ended it) once PROGRAM
// has ended, after giving the supervisor a second to write the summaries
// when they are asked for. PROGRAM's own pid is then not 1: a program that
// must be pid 1 (an init) is best run with --mechanism preload.
#pragma once

#include "core/common/result.h"

namespace smc {

// Forks. Returns in the child, which goes on to become PROGRAM; the caller,
// pid 1, never returns from here. `summaries`: -d, --summary or
// --summary-file is on. An error (fork failed) leaves nothing changed.
Result<Ok> stay_init_for_program(bool summaries);

// The exit status pid 1 ends with for PROGRAM's wait status: its code, or
// 128+N for a signal N, as the shells report it. Pure.
int init_exit_code(int wait_status);

}  // namespace smc
