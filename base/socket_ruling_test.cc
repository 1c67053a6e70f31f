#include "base/socket_ruling.h"

#include <doctest/doctest.h>
#include <errno.h>

namespace smc {
namespace {

constexpr SmcSocketKind I = SmcSocketKind::kInet;
constexpr SmcSocketKind S = SmcSocketKind::kSmc;

// What SMC_SOCK_FAMILY's kinds came to (base/smc_socket.h).
const SmcAttempt kMadeInet{7, I, {{}, {}, 0}};
const SmcAttempt kMadeSmcAfterInet{7, S, {{I}, {EPROTONOSUPPORT}, 1}};
const SmcAttempt kMissing{-1, S, {{I, S}, {EPROTONOSUPPORT, EAFNOSUPPORT}, 2}};
const SmcAttempt kMissingInet{-1, I, {{I}, {EPROTONOSUPPORT}, 1}};
const SmcAttempt kRefusedBySeccomp{-1, S, {{S}, {EPERM}, 1}};
const SmcAttempt kThisCall{-1, S, {{I, S}, {EINVAL, EINVAL}, 2}};
const SmcAttempt kThisCallInet{-1, I, {{I}, {EINVAL}, 1}};
const SmcAttempt kShared{-1, I, {{I}, {EMFILE}, 1}};
const SmcAttempt kSharedAfterMissing{-1, S, {{I, S}, {EPROTONOSUPPORT, ENOBUFS}, 2}};
const SmcAttempt kNothingTried{-1, I, {{}, {}, 0}};

constexpr SocketRuling kSmc{SocketRuling::kSmc, 0};
constexpr SocketRuling kTcp{SocketRuling::kTcp, 0};
constexpr SocketRuling fail(int error) { return {SocketRuling::kFail, error}; }
constexpr SocketRuling strict_fail(int error) { return {SocketRuling::kStrictFail, error}; }

struct Row {
  const char* what;
  const SmcAttempt& attempt;
  bool strict;
  int plain_error;  // the plain TCP call's errno, 0: it worked
  bool asks;        // ruling_asks_plain_call
  SocketRuling in_caller;  // SmcTriedIn::kCallersProcess: the library
  SocketRuling in_other;   // SmcTriedIn::kOtherProcess: the supervisor
};

const Row kRows[] = {
    {"made", kMadeInet, false, 0, false, kSmc, kSmc},
    {"made", kMadeInet, true, EINVAL, false, kSmc, kSmc},
    {"made, second kind", kMadeSmcAfterInet, true, 0, false, kSmc, kSmc},
    {"missing", kMissing, false, 0, false, kTcp, kTcp},
    {"missing", kMissing, false, EINVAL, false, kTcp, kTcp},
    {"missing", kMissing, true, 0, true, strict_fail(EAFNOSUPPORT), strict_fail(EAFNOSUPPORT)},
    {"missing, invalid anyway", kMissing, true, EINVAL, true, strict_fail(EINVAL),
     strict_fail(EINVAL)},
    {"missing, no descriptor for TCP either", kMissing, true, EMFILE, true, strict_fail(EMFILE),
     strict_fail(EMFILE)},
    {"missing, inet only", kMissingInet, true, 0, true, strict_fail(EPROTONOSUPPORT),
     strict_fail(EPROTONOSUPPORT)},
    {"refused by seccomp", kRefusedBySeccomp, false, 0, false, kTcp, kTcp},
    {"refused by seccomp", kRefusedBySeccomp, true, 0, true, strict_fail(EPERM),
     strict_fail(EPERM)},
    {"this call", kThisCall, false, 0, false, kTcp, kTcp},
    {"this call", kThisCall, false, EINVAL, false, kTcp, kTcp},
    {"this call, inet only", kThisCallInet, false, 0, false, kTcp, kTcp},
    {"this call, TCP takes it", kThisCall, true, 0, true, strict_fail(EINVAL),
     strict_fail(EINVAL)},
    {"this call, invalid anyway", kThisCall, true, EINVAL, true, strict_fail(EINVAL),
     strict_fail(EINVAL)},
    {"shared", kShared, false, 0, false, fail(EMFILE), kTcp},
    {"shared", kShared, true, 0, false, fail(EMFILE), kTcp},
    {"shared after missing", kSharedAfterMissing, false, 0, false, fail(ENOBUFS), kTcp},
    {"shared after missing", kSharedAfterMissing, true, 0, false, fail(ENOBUFS), kTcp},
    {"nothing tried", kNothingTried, false, 0, false, kTcp, kTcp},
    {"nothing tried", kNothingTried, true, 0, false, kTcp, kTcp},
};

void check(const SocketRuling& got, const SocketRuling& expected) {
  CHECK(got.kind == expected.kind);
  CHECK(got.error == expected.error);
}

TEST_CASE("socket ruling: SMC where made, else TCP, a shared failure or strict's error") {
  for (const Row& row : kRows) {
    INFO(row.what);
    CAPTURE(row.strict);
    CAPTURE(row.plain_error);
    CHECK(ruling_asks_plain_call(row.attempt, row.strict) == row.asks);
    check(rule_on_socket(row.attempt, SmcTriedIn::kCallersProcess, row.strict, row.plain_error),
          row.in_caller);
    check(rule_on_socket(row.attempt, SmcTriedIn::kOtherProcess, row.strict, row.plain_error),
          row.in_other);
  }
}

TEST_CASE("socket ruling reads the plain call's errno only where it asked for it") {
  for (const Row& row : kRows) {
    if (row.asks) continue;
    INFO(row.what);
    for (SmcTriedIn where : {SmcTriedIn::kCallersProcess, SmcTriedIn::kOtherProcess}) {
      const SocketRuling unasked = rule_on_socket(row.attempt, where, row.strict, 0);
      check(rule_on_socket(row.attempt, where, row.strict, EINVAL), unasked);
    }
  }
}

}  // namespace
}  // namespace smc
