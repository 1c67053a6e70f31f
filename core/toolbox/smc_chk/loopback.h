// smc_chk's live test: two AF_SMC sockets of this process connect over
// 127.0.0.1, exchange data both ways, and SMC_DIAG says what the connection
// really used. Everything is non-blocking and bounded by one deadline, so a
// kernel that never answers makes the test fail, never hang.
#pragma once

#include <chrono>
#include <cstddef>

#include "core/toolbox/smc_chk/smc_chk.h"

namespace smc {

inline constexpr std::size_t kLoopbackBytes = 16 * 1024;

LiveTest run_loopback_test(std::chrono::milliseconds limit);

}  // namespace smc
