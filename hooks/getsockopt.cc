// getsockopt(2) hook: when a non-blocking connect is done.
//
// Passed through untouched: every call, its result and errno. A program
// learns that a non-blocking connect() finished by polling for writability
// and reading SO_ERROR; at that point, under SMC_DEBUG or SMC_SUMMARY only
// and for a connect the library saw start, the connection's outcome is
// read from SMC_DIAG (hooks/connections.h).
// The caller's `length` and `value` are read only after the real call
// succeeded, that is after the kernel wrote both (net/socket.c,
// sock_getsockopt's put_user/copy_to_user): a bad pointer gets the
// kernel's EFAULT first, as without the library.

#include <errno.h>
#include <sys/socket.h>

#include "hooks/connections.h"
#include "hooks/state.h"

namespace smc {

// Under SMC_DEBUG or a summary. Out of line, so that getsockopt() itself
// keeps no stack frame for the common case.
__attribute__((noinline)) int getsockopt_watched(int fd, int level, int name,
                                                 void* value,
                                                 socklen_t* length) {
  State scratch;
  const State& state = current_state(scratch);
  const int result = state.real.getsockopt(fd, level, name, value, length);
  if (result == 0 && level == SOL_SOCKET && name == SO_ERROR &&
      connect_pending(fd) && length != nullptr && *length >= sizeof(int)) {
    const int error = errno;
    after_connect_completed(state, fd, *static_cast<int*>(value));
    errno = error;
  }
  return result;
}

}  // namespace smc

extern "C" int getsockopt(int fd, int level, int name, void* value,
                          socklen_t* length) {
  if (const smc::State* state = smc::quiet_state()) [[likely]] {
    return state->real.getsockopt(fd, level, name, value, length);
  }
  return smc::getsockopt_watched(fd, level, name, value, length);
}

// Our own definition, by a name no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("getsockopt"), copy(getsockopt))) int
smc_own_getsockopt(int, int, int, void*, socklen_t*);
