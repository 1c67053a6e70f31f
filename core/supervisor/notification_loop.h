// The supervisor's loop: it answers each notification of its listener,
// one at a time, and returns when no task uses the filter any more (the
// listener then reports POLLHUP: kernel/seccomp.c, seccomp_notify_poll),
// so it ends with the last filtered process and never outlives the tree.
//
// Under -d, --summary or --summary-file it also keeps the processes it
// answered for (core/supervisor/served_processes.h), looks at what their SMC
// connections become (core/supervisor/outcome_watch.h), and writes each
// one's summary when its pidfd says it has exited, whatever ended it.
#pragma once

#include "base/settings.h"
#include "base/socket_conversion.h"
#include "core/supervisor/listener.h"
#include "core/supervisor/outcome_watch.h"
#include "core/supervisor/seccomp_filter.h"
#include "core/supervisor/stderr_hold.h"

namespace smc {

// The kernel as the supervisor uses it; tests simulate SMC with TCP.
struct SupervisorKernel {
  MakeSocketFn make_socket;        // socket(2)
  ListSmcSocketsFn list_smc_sockets;  // SMC_DIAG
};

// `hold`, when given, is checked between notifications (and at least
// every check_interval_ms()), so that a detached PROGRAM's caller is let go.
void serve(Listener& listener, const Settings& settings, const SyscallAbi& abi,
           SupervisorKernel kernel, StderrHold* hold = nullptr);

}  // namespace smc
