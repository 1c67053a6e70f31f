// What became of each connection: the -d line after connect()/accept()
// and the count for the exit summary (hooks/summary.h). Does nothing, and
// costs one load, when neither is on.
#pragma once

#include <sys/socket.h>

#include "base/settings.h"
#include "hooks/state.h"

namespace smc {

// After connect(fd) returned `result` (errno `error`). A non-blocking
// connect in progress is reported when the program asks for SO_ERROR.
void after_connect(const State& state, int fd, int result, int error);

// After accept()/accept4() on `listener` returned `fd`.
void after_accept(const State& state, int listener, int fd);

// From the getsockopt() hook: whether `fd` has a connect in progress that
// we still owe an outcome for, and the outcome once SO_ERROR says it is done.
bool connect_pending(int fd);
void after_connect_completed(const State& state, int fd, int so_error);

// A new socket from socket(), an SMC one or not: whatever was known of an
// old socket of that number is gone.
void new_socket(int fd, bool smc);

}  // namespace smc
