// connect(2) hook: the verdict on a client connection.
//
// Passed through untouched: the call itself, its result and errno. After
// it, under SMC_DEBUG or SMC_SUMMARY only, the connection's outcome (SMC-D,
// SMC-R, TCP fallback with its reason) is read from SMC_DIAG
// (hooks/connections.h); a non-blocking connect is judged later, when the
// program asks SO_ERROR whether it is done (hooks/getsockopt.cc).

#include <errno.h>
#include <sys/socket.h>

#include "hooks/connections.h"
#include "hooks/state.h"

extern "C" int connect(int fd, const struct sockaddr* address,
                       socklen_t length) {
  if (const smc::State* state = smc::quiet_state()) [[likely]] {
    return state->real.connect(fd, address, length);
  }
  smc::State scratch;
  const smc::State& state = smc::current_state(scratch);
  const int result = state.real.connect(fd, address, length);
  const int error = errno;
  smc::after_connect(state, fd, result, error);
  errno = error;
  return result;
}

// Our own definition, by a name no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("connect"), copy(connect))) int
smc_own_connect(int, const struct sockaddr*, socklen_t);
