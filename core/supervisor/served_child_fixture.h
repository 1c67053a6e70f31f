// For the supervisor's tests: a filtered child and this process as its
// supervisor, as smc_run arranges them.
#pragma once

#include <string>

#include "core/supervisor/notification_loop.h"

namespace smc::testing {

using Calls = void (*)(std::string& report);

// Runs `calls` in a child under the filter (with connect() and listen()
// when `connections`) while this process serves it with `env`'s settings
// (from a thread, so that the main thread can reap the child: a zombie
// still counts as the filter's user). Returns what `calls` reported, once
// the supervisor has ended.
std::string serve_child(const char* const* env, bool connections, SupervisorKernel kernel,
                        Calls calls);

// socket(2) on a kernel without SMC: both SMC kinds fail as such a kernel
// fails them, and the caller's own call runs.
int no_smc(int domain, int type, int protocol);

// SMC_DIAG on a kernel without it.
Result<std::vector<SmcSocket>> no_smc_diag();

// SMC_DIAG on a kernel where every TCP socket is an SMC-D one: this host's
// TCP sockets (/proc/net/tcp and tcp6) with their inodes, established ones
// ACTIVE and SMC-D, listening ones LISTEN.
Result<std::vector<SmcSocket>> tcp_as_smcd_diag();

}  // namespace smc::testing
