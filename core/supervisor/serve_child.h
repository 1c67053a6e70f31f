// For the supervisor's tests: a filtered child and this process as its
// supervisor, as smc_run arranges them.
#pragma once

#include <string>

#include "core/supervisor/socket_answer.h"

namespace smc::testing {

using Calls = void (*)(std::string& report);

// Runs `calls` in a child under the filter (with connect() and listen()
// when `connections`) while this process serves it with `env`'s settings
// (from a thread, so that the main thread can reap the child: a zombie
// still counts as the filter's user). Returns what `calls` reported.
std::string serve_child(const char* const* env, bool connections, MakeSocketFn make,
                        Calls calls);

}  // namespace smc::testing
