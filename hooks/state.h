// Everything the hooks need, built once: settings from the environment and
// the real libc calls.
#pragma once

#include "hooks/real.h"
#include "hooks/settings.h"

namespace smc {

struct State {
  Settings settings;
  RealCalls real;
};

// The process-wide state. It is built by the library's constructor; a hook
// called before that (from another library's constructor) builds it on
// first use without waiting on any lock: concurrent first callers each
// build an identical copy and one of them publishes it.
State current_state();

// Under SMC_DEBUG, says once per process what the library was told (and
// which values it ignored). Called before the first socket decision, so that
// processes that never make a socket stay silent.
void report_settings_once(const Settings& settings);

}  // namespace smc
