// Everything the hooks need, built once: settings from the environment and
// the real libc calls.
#pragma once

#include <atomic>

#include "hooks/real.h"
#include "base/settings.h"

namespace smc {

struct State {
  Settings settings;
  RealCalls real;
};

extern State g_state;
extern std::atomic<bool> g_published;
// Published, and SMC_DEBUG and SMC_SUMMARY off: the one thing the hot path
// of every hooked call needs to know before going straight to libc.
extern std::atomic<bool> g_quiet;

// The process-wide state once the library's constructor has built it,
// nullptr before. Inline: every hooked call starts here.
inline const State* published_state() {
  return g_published.load(std::memory_order_acquire) ? &g_state : nullptr;
}

// The state when it is published and SMC_DEBUG and SMC_SUMMARY are off,
// else nullptr.
inline const State* quiet_state() {
  return g_quiet.load(std::memory_order_acquire) ? &g_state : nullptr;
}

// The state, built first if a hook runs before the constructor (from
// another library's constructor): without waiting on any lock, concurrent
// first callers each build an identical copy in their own `scratch` and one
// of them publishes it.
const State& current_state(State& scratch);

// Under SMC_DEBUG, says once per process what the library was told (and
// which values it ignored). Called before the first socket decision, so that
// processes that never make a socket stay silent.
void report_settings_once(const Settings& settings);

}  // namespace smc
