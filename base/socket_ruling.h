// What a TCP socket() call becomes once its SMC socket was tried
// (base/smc_socket.h): the SMC socket, the plain TCP socket, or a failure
// with an errno. Decided here only; each mechanism carries the ruling out
// its own way: the library's socket() hook inside the program, the seccomp
// supervisor on its behalf (core/supervisor/socket_answer). Pure.
//
// Where no SMC socket could be made, TCP answers the call, so the program
// works as it would without smc_run; but
//   - a failure TCP would share (EMFILE, ENOBUFS...) is the call's own
//     answer where the SMC socket was tried within the caller's limits (the
//     library, in the program); the supervisor tried it within its own, so
//     the caller's plain call must tell;
//   - under SMC_STRICT the call fails instead, with SMC's error, or with
//     the plain TCP call's own where that fails too: the call is then
//     invalid whatever the protocol (base/socket_conversion.h,
//     strict_errno).
#pragma once

#include "base/smc_socket.h"

namespace smc {

// Whose limits the SMC socket was tried within.
enum class SmcTriedIn {
  kCallersProcess,  // the library, in the program itself
  kOtherProcess,    // the seccomp supervisor, in its own process
};

struct SocketRuling {
  enum Kind : unsigned char {
    kSmc,         // the SMC socket answers the call
    kTcp,         // the plain TCP call answers it: the library makes it,
                  // the supervisor lets the caller's own call run
    kFail,        // fails with `error`, a failure TCP would share
    kStrictFail,  // SMC_STRICT: fails with `error` rather than use TCP
  };
  Kind kind;
  int error;  // for kFail and kStrictFail
};

namespace ruling_detail {

// The error the attempts ended on: the last kind's (earlier kinds were
// missing, or the attempts would have stopped there).
inline int last_error(const Attempts& tried) { return tried.error[tried.count - 1]; }

// Out of descriptors, memory...: a TCP socket would fail alike, within the
// same limits.
inline bool tcp_would_fail_alike(const Attempts& tried) {
  return classify_smc_failure(last_error(tried)) == SmcFailure::kShared;
}

// No SMC socket, and a failure recorded to rule on.
inline bool refused(const SmcAttempt& attempt) {
  return attempt.fd < 0 && attempt.tried.count > 0;
}

}  // namespace ruling_detail

// Whether the ruling on `attempt` depends on how the plain TCP call fares
// (under strict, where SMC is missing or refused this call): then that
// call is made first and its errno passed to rule_on_socket.
inline bool ruling_asks_plain_call(const SmcAttempt& attempt, bool strict) {
  using namespace ruling_detail;
  return strict && refused(attempt) && !tcp_would_fail_alike(attempt.tried);
}

// The ruling. `plain_error` is the plain TCP call's errno (0: it made a
// socket), read only where ruling_asks_plain_call says so. Inline: the
// library's socket() asks on every converted call, where a call out of
// line would cost more than the ruling itself.
inline SocketRuling rule_on_socket(const SmcAttempt& attempt, SmcTriedIn tried_in, bool strict,
                                   int plain_error) {
  using namespace ruling_detail;
  if (attempt.fd >= 0) return {SocketRuling::kSmc, 0};
  if (!refused(attempt)) return {SocketRuling::kTcp, 0};
  const int smc_error = last_error(attempt.tried);
  if (tcp_would_fail_alike(attempt.tried)) {
    // The supervisor's limits are not the caller's: its own call tells.
    if (tried_in == SmcTriedIn::kOtherProcess) return {SocketRuling::kTcp, 0};
    return {SocketRuling::kFail, smc_error};
  }
  if (strict) return {SocketRuling::kStrictFail, strict_errno(smc_error, plain_error)};
  return {SocketRuling::kTcp, 0};
}

}  // namespace smc
