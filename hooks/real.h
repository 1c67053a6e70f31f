// The real libc functions behind our hooks, resolved in one place.
#pragma once

namespace smc {

using SocketFn = int (*)(int, int, int);

// Hidden aliases of our own hooks (defined beside each hook), for telling
// our definitions from the next ones.
extern "C" int smc_own_socket(int domain, int type, int protocol);

struct RealCalls {
  SocketFn socket;
};

// Looks every hooked symbol up with dlsym(RTLD_NEXT). Aborts with a message
// if a lookup lands on our own definition: that would recurse forever, and
// only a broken build can cause it. A symbol that cannot be found at all
// (no libc in the chain) is replaced by a direct system call.
RealCalls resolve_real_calls();

}  // namespace smc
