// accept(2)/accept4(2) hooks: the outcome of a server connection.
//
// Passed through untouched: the calls, their results and errno. After a
// connection is accepted, under SMC_DEBUG or SMC_SUMMARY only, its outcome
// is read from SMC_DIAG (hooks/connections.h). An SMC listener hands out a
// connection only after the SMC handshake (net/smc/af_smc.c,
// smc_listen_work), so the outcome is final by then.
// The caller's `address` and `length` are never read here: the outcome is
// looked up on the new descriptor, so a bad pointer gets the kernel's
// EFAULT alone, as without the library.

#include <errno.h>
#include <sys/socket.h>

#include "hooks/connections.h"
#include "hooks/state.h"

extern "C" int accept4(int fd, struct sockaddr* address, socklen_t* length,
                       int flags) {
  if (const smc::State* state = smc::quiet_state()) [[likely]] {
    return state->real.accept4(fd, address, length, flags);
  }
  smc::State scratch;
  const smc::State& state = smc::current_state(scratch);
  const int result = state.real.accept4(fd, address, length, flags);
  const int error = errno;
  smc::after_accept(state, fd, result);
  errno = error;
  return result;
}

// accept() is accept4() without flags (accept(2)); glibc's own accept()
// does not go through accept4(), so both are hooked.
extern "C" int accept(int fd, struct sockaddr* address, socklen_t* length) {
  if (const smc::State* state = smc::quiet_state()) [[likely]] {
    return state->real.accept(fd, address, length);
  }
  smc::State scratch;
  const smc::State& state = smc::current_state(scratch);
  const int result = state.real.accept(fd, address, length);
  const int error = errno;
  smc::after_accept(state, fd, result);
  errno = error;
  return result;
}

// Our own definitions, by names no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("accept4"), copy(accept4))) int
smc_own_accept4(int, struct sockaddr*, socklen_t*, int);
extern "C" __attribute__((visibility("hidden"), alias("accept"), copy(accept))) int
smc_own_accept(int, struct sockaddr*, socklen_t*);
