// What smc_chk's two live tests (loopback.cc, remote.cc) share: the
// result they fill in, the deadline their steps share, and how a failed
// step or a timeout is written into the result.
#pragma once

#include <cerrno>
#include <chrono>
#include <string>

#include <fmt/format.h>

#include "core/toolbox/smc_chk/smc_chk.h"

namespace smc {

class LiveSteps {
 protected:
  using Clock = std::chrono::steady_clock;

  explicit LiveSteps(std::chrono::milliseconds limit)
      : deadline_(Clock::now() + limit), limit_(limit) {}

  // "STEP: ERRNO text" as the result's error; false, to end the test.
  bool failed(const std::string& step, int error) {
    t_.error = fmt::format("{}: {}", step, errno_text(error));
    t_.error_number = error;
    return false;
  }

  // "no WAITING_FOR within N ms"; false, to end the test.
  bool timed_out(const char* waiting_for) {
    t_.error = fmt::format("no {} within {} ms", waiting_for, limit_.count());
    t_.error_number = ETIMEDOUT;
    return false;
  }

  // Milliseconds left for poll(), 0 once the deadline has passed.
  int remaining_ms() const {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
  }

  const Clock::time_point deadline_;
  const std::chrono::milliseconds limit_;
  LiveTest t_;
};

}  // namespace smc
