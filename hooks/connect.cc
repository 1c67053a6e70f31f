// connect(2) hook: the connection filter for clients.
//
// Rewritten: an SMC socket (AF_SMC, or AF_INET/AF_INET6 with IPPROTO_SMC)
// about to connect to a peer that SMC_INCLUDE/SMC_EXCLUDE keep off SMC
// (base/connection_filter.h) is first replaced, on the same descriptor, by a
// plain TCP socket carrying what the program set on it
// (base/replace_socket.h): the SMC handshake is never attempted, so
// middleboxes that break it are never met. If the replacement fails,
// connect() fails with its error rather than use SMC against the filter.
// Passed through untouched: every call when no filter is set (the hot path
// checks one flag), addresses other than AF_INET/AF_INET6 (AF_UNSPEC
// disconnects, UNIX...), sockets other than TCP and SMC streams, and SMC
// sockets the filter lets through.
// Under SMC_DEBUG with a filter: one line per decision (hooks/enforce_filter.h).
// After the call, under SMC_DEBUG or SMC_SUMMARY only, the connection's
// outcome (SMC-D, SMC-R, TCP fallback with its reason) is read from
// SMC_DIAG (hooks/connections.h); a non-blocking connect is judged later,
// when the program asks SO_ERROR whether it is done (hooks/getsockopt.cc).
//
// A bad address pointer (invalid, or a sockaddr that straddles the end of
// a mapping) is not read: the filter is skipped and the real connect()
// answers EFAULT, as it does without the library. The kernel copies
// min(length, sizeof(sockaddr_storage)) bytes (net/socket.c,
// move_addr_to_kernel; a longer length is EINVAL), so exactly those are
// asked about first (hooks/readable_memory.h says how, without allocation).
//
// Async-signal-safe like connect(2): no allocation, no locks, errno as libc
// leaves it.

#include <errno.h>
#include <sys/socket.h>

#include "base/connection_filter.h"
#include "hooks/connections.h"
#include "hooks/enforce_filter.h"
#include "hooks/readable_memory.h"
#include "hooks/state.h"

namespace smc {

__attribute__((noinline)) int connect_filtered(int fd, const sockaddr* address,
                                                socklen_t length) {
  State scratch;
  const State& state = current_state(scratch);
  Endpoint peer;
  const std::size_t copied =
      length < sizeof(sockaddr_storage) ? length : sizeof(sockaddr_storage);
  if (state.settings.filter_active && readable(address, copied) &&
      endpoint_from(address, length, &peer) &&
      !enforce_filter(state, fd, peer, FilterSide::kClient)) {
    return -1;
  }
  const int result = state.real.connect(fd, address, length);
  const int error = errno;
  after_connect(state, fd, result, error);
  errno = error;
  return result;
}

}  // namespace smc

extern "C" int connect(int fd, const struct sockaddr* address, socklen_t length) {
  const smc::State* state = smc::quiet_state();
  if (state != nullptr && !state->settings.filter_active) [[likely]] {
    return state->real.connect(fd, address, length);
  }
  return smc::connect_filtered(fd, address, length);
}

// Our own connect(), by a name no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("connect"), copy(connect))) int
smc_own_connect(int fd, const struct sockaddr* address, socklen_t length);
