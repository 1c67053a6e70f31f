// getsockopt(2) hook: when a non-blocking connect is done.
//
// Passed through untouched: every call, its result and errno. A program
// learns that a non-blocking connect() finished by polling for writability
// and reading SO_ERROR; at that point, under SMC_DEBUG or SMC_SUMMARY only
// and for a connect the library saw start, the connection's outcome is
// read from SMC_DIAG (hooks/connections.h).

#include <errno.h>
#include <sys/socket.h>

#include "hooks/connections.h"
#include "hooks/state.h"

extern "C" int getsockopt(int fd, int level, int name, void* value,
                          socklen_t* length) {
  const smc::State* quiet = smc::quiet_state();
  if (quiet != nullptr || level != SOL_SOCKET || name != SO_ERROR)
      [[likely]] {
    smc::State scratch;
    const smc::State& state =
        quiet != nullptr ? *quiet : smc::current_state(scratch);
    return state.real.getsockopt(fd, level, name, value, length);
  }
  smc::State scratch;
  const smc::State& state = smc::current_state(scratch);
  const int result = state.real.getsockopt(fd, level, name, value, length);
  if (result == 0 && smc::connect_pending(fd) && length != nullptr &&
      *length >= sizeof(int)) {
    const int error = errno;
    smc::after_connect_completed(state, fd, *static_cast<int*>(value));
    errno = error;
  }
  return result;
}

// Our own definition, by a name no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("getsockopt"), copy(getsockopt))) int
smc_own_getsockopt(int, int, int, void*, socklen_t*);
