// The supervisor's loop: it answers each notification of its listener,
// one at a time, and returns when no task uses the filter any more (the
// listener then reports POLLHUP: kernel/seccomp.c, seccomp_notify_poll),
// so it ends with the last filtered process and never outlives the tree.
#pragma once

#include "base/settings.h"
#include "core/seccomp_filter/seccomp_filter.h"
#include "core/supervisor/listener.h"
#include "core/supervisor/socket_answer.h"

namespace smc {

void serve(Listener& listener, const Settings& settings, const SyscallAbi& abi,
           MakeSocketFn make_socket);

}  // namespace smc
