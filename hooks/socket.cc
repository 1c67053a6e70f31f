// socket(2) hook: the heart of smc_run.
//
// Rewritten: TCP sockets, i.e. AF_INET/AF_INET6 + SOCK_STREAM with protocol
// 0 or IPPROTO_TCP (see base/socket_conversion.h), become SMC sockets with the same
// type flags: AF_INET/AF_INET6 with IPPROTO_SMC (Linux 6.11+) or AF_SMC
// with SMCPROTO_SMC/SMCPROTO_SMC6, as SMC_SOCK_FAMILY says (auto: the first
// where the kernel has it). SMC keeps the TCP handshake, so peers without
// SMC still talk to us (the kernel falls back per connection).
// Passed through untouched: every other socket (UDP, UNIX, netlink, raw...).
// Fallback: where the kernel has neither (or refuses them here), the
// original TCP socket is created instead so the program keeps working,
// unless SMC_STRICT asks for the error (TCP's own error when the call is
// invalid whatever the protocol; the plain call that tells is marked for
// smc_run's seccomp filter: see library_socket.h). How the SMC socket is
// made, each refusal remembered so the kernel is probed once per process,
// is base/smc_socket.h, and what the call becomes then is
// base/socket_ruling.h, both shared with smc_run's seccomp supervisor:
// this hook only carries the ruling out.
// Then SMC_SNDBUF/SMC_RCVBUF are applied to the TCP-rule sockets only, before
// the program can connect or listen, since SMC sizes its buffers from them at
// that point (net/smc/smc_core.c).
//
// Async-signal-safe like socket(2): no allocation, no locks, errno
// preserved on success.

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

#include "base/log_line.h"
#include "base/smc_socket.h"
#include "base/socket_conversion.h"
#include "base/socket_log.h"
#include "base/socket_ruling.h"
#include "hooks/connections.h"
#include "hooks/library_socket.h"
#include "hooks/state.h"
#include "hooks/summary.h"

namespace smc {
namespace {

std::atomic<bool> g_fallback_announced{false};
std::atomic<bool> g_inet_announced{false};
RefusalMemory g_refused;

// Only under SMC_DEBUG: without it, socket() tail-calls libc directly.
int pass_through_logged(const State& state, const SocketCall& call) {
  const int fd = state.real.socket(call.domain, call.type, call.protocol);
  const int error = errno;
  LogLine line;
  describe_call(line, call);
  if (fd >= 0) {
    line.str(" = ").num(fd);
    describe_unchanged(line);
  } else {
    line.str(" failed: ").error(error);
  }
  line.emit();
  return fd;
}

// Under strict: how the plain TCP call fares (0: it made a socket), which
// tells whether this call is invalid whatever the protocol
// (base/socket_ruling.h). Marked, so that a seccomp supervisor under us
// lets it run.
int plain_call_error(const State& state, const SocketCall& call) {
  const int fd = library_socket(state.real.socket, call.domain, call.type, call.protocol);
  const int error = fd < 0 ? errno : 0;
  if (fd >= 0) close(fd);
  return error;
}

// The call fails with the ruling's errno.
int fail_call(const State& state, const SocketCall& call, const Attempts& tried,
              const SocketRuling& ruling, int plain_error) {
  if (state.settings.debug) {
    LogLine line;
    describe_call(line, call);
    describe_attempts(line, tried);
    if (ruling.kind == SocketRuling::kStrictFail) {
      if (plain_error != 0) describe_plain_failure(line, plain_error);
      describe_no_fallback(line);
    }
    line.emit();
  }
  errno = ruling.error;
  return -1;
}

// The plain TCP call answers where no SMC socket could be made.
int plain_tcp(const State& state, const SocketCall& call, const Attempts& tried) {
  const bool debug = state.settings.debug;
  // Said once, and only when SMC is missing, not when it refused one call.
  if (debug && smc_missing(tried) && !g_fallback_announced.exchange(true)) {
    LogLine line;
    describe_missing(line, tried);
    line.emit();
  }
  // Marked, so that a seccomp supervisor under us does not probe again.
  const int fd = library_socket(state.real.socket, call.domain, call.type, call.protocol);
  if (fd < 0 && debug) {
    LogLine line;  // emit() keeps errno as libc's socket() left it
    describe_call(line, call);
    line.str(" failed: ").error(errno);
    line.emit();
  }
  return fd;
}

// Said once: IPPROTO_SMC was refused, and AF_SMC stands in for it.
void announce_smc_kind(const State& state, const SmcAttempt& attempt) {
  if (attempt.tried.count > 0 && state.settings.debug && !g_inet_announced.exchange(true)) {
    LogLine()
        .str("IPPROTO_SMC is not available here (")
        .error(attempt.tried.error[0])
        .str("); TCP sockets become AF_SMC sockets")
        .emit();
  }
}

}  // namespace

// Everything but the plain pass-through: conversion, fallback, buffer
// sizes and diagnostics. Kept out of line so that socket() itself needs no
// stack frame for the common case.
__attribute__((noinline)) int convert_or_log(int domain, int type,
                                             int protocol) {
  State scratch;
  const State& state = current_state(scratch);
  const SocketCall call{domain, type, protocol};
  const bool debug = state.settings.debug;
  if (debug) report_settings_once(state.settings);
  if (!is_tcp_socket(call)) return pass_through_logged(state, call);
  const int saved_errno = errno;
  const SmcAttempt attempt =
      make_smc_socket(call, state.settings.family.family, 0, state.real.socket, g_refused);
  const bool strict = state.settings.strict;
  const int plain_error =
      ruling_asks_plain_call(attempt, strict) ? plain_call_error(state, call) : 0;
  const SocketRuling ruling =
      rule_on_socket(attempt, SmcTriedIn::kCallersProcess, strict, plain_error);
  if (ruling.kind == SocketRuling::kFail || ruling.kind == SocketRuling::kStrictFail) {
    return fail_call(state, call, attempt.tried, ruling, plain_error);
  }
  const bool smc = ruling.kind == SocketRuling::kSmc;
  if (smc) announce_smc_kind(state, attempt);
  const int fd = smc ? attempt.fd : plain_tcp(state, call, attempt.tried);
  if (fd < 0) return -1;

  new_socket(fd, smc);
  count_socket(smc, attempt.used);
  const AppliedBuffers sizes =
      apply_buffers(fd, state.settings.sndbuf.bytes, state.settings.rcvbuf.bytes);
  if (debug) {
    LogLine line;
    describe_call(line, call);
    describe_made(line, fd, smc ? socket_kind_name(attempt.used) : "TCP", sizes);
    line.emit();
  }
  errno = saved_errno;
  return fd;
}

}  // namespace smc

extern "C" int socket(int domain, int type, int protocol) {
  // The hot path for every socket that stays as it is: the state, the
  // conversion rule, and libc's own call, which sets errno exactly as
  // without us.
  const smc::State* state = smc::quiet_state();
  if (state != nullptr &&
      !smc::is_tcp_socket({domain, type, protocol})) [[likely]] {
    return state->real.socket(domain, type, protocol);
  }
  return smc::convert_or_log(domain, type, protocol);
}

// Our own socket(), by a name no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("socket"), copy(socket))) int
smc_own_socket(int domain, int type, int protocol);
