// The TCP sockets the library itself decides on (its fallback where SMC is
// missing, the replacement of an excluded SMC socket), made so that
// smc_run's seccomp filter lets them through to the kernel: marked as
// base/library_mark.h says while smc_run's supervisor serves this process,
// otherwise made by `plain`, libc's socket(), as before.
//
// Async-signal-safe, no allocation, errno as socket() leaves it.
#pragma once

#include "base/socket_conversion.h"  // MakeSocketFn

namespace smc {

int library_socket(MakeSocketFn plain, int domain, int type, int protocol);

}  // namespace smc
