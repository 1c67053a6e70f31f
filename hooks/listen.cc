// listen(2) hook: the connection filter for servers.
//
// Rewritten: an SMC socket (AF_SMC, or AF_INET/AF_INET6 with IPPROTO_SMC)
// about to listen on a local address that SMC_INCLUDE/SMC_EXCLUDE keep off
// SMC (base/connection_filter.h) is first replaced, on the same descriptor, by a
// plain TCP socket carrying what the program set on it and bound again to
// the same address (base/replace_socket.h). If that fails (another socket
// took the port in between), listen() fails with the error.
// Why listen() and not bind(): only at listen() is a socket known to be a
// server, not a client that binds its source address before connect(); and
// getsockname() then also gives the port the kernel picked for a bind() to
// port 0. A socket never bound is matched as the wildcard address, port 0.
// Passed through untouched: every call when no filter is set (the hot path
// checks one flag), sockets other than TCP and SMC streams, and SMC sockets
// the filter lets through.
// Under SMC_DEBUG with a filter: one line per decision (hooks/enforce_filter.h).
//
// Async-signal-safe like listen(2): no allocation, no locks, errno as libc
// leaves it.

#include <errno.h>
#include <sys/socket.h>

#include "base/connection_filter.h"
#include "hooks/enforce_filter.h"
#include "hooks/state.h"

namespace smc {

__attribute__((noinline)) int listen_filtered(int fd, int backlog) {
  State scratch;
  const State& state = current_state(scratch);
  if (state.settings.filter_active) {
    const int saved_errno = errno;
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    Endpoint endpoint;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) == 0 &&
        endpoint_from(reinterpret_cast<const sockaddr*>(&local), length, &endpoint) &&
        !enforce_filter(state, fd, endpoint, FilterSide::kServer)) {
      return -1;
    }
    errno = saved_errno;
  }
  return state.real.listen(fd, backlog);
}

}  // namespace smc

extern "C" int listen(int fd, int backlog) {
  const smc::State* state = smc::quiet_state();
  if (state != nullptr && !state->settings.filter_active) [[likely]] {
    return state->real.listen(fd, backlog);
  }
  return smc::listen_filtered(fd, backlog);
}

// Our own listen(), by a name no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("listen"), copy(listen))) int
smc_own_listen(int fd, int backlog);
