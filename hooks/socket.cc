// socket(2) hook: the heart of smc_run.
//
// Rewritten: TCP sockets, i.e. AF_INET/AF_INET6 + SOCK_STREAM with protocol
// 0 or IPPROTO_TCP (see socket_policy.h), become AF_SMC sockets with
// SMCPROTO_SMC/SMCPROTO_SMC6 and the same type flags. SMC keeps the TCP
// handshake, so peers without SMC still talk to us (the kernel falls back
// per connection).
// Passed through untouched: every other socket (UDP, UNIX, netlink, raw...).
// Fallback: where the kernel has no SMC (or refuses AF_SMC here), the
// original TCP socket is created instead so the program keeps working,
// unless SMC_STRICT asks for the error. The refusal is remembered per
// protocol, because each failed socket(AF_SMC) makes the kernel try to load
// the module again (request_module in net/socket.c:__sock_create).
// Then SMC_SNDBUF/SMC_RCVBUF are applied to the TCP-rule sockets only, before
// the program can connect or listen, since SMC sizes its buffers from them at
// that point (net/smc/smc_core.c).
//
// Async-signal-safe like socket(2): no allocation, no locks, errno
// preserved on success.

#include <errno.h>
#include <sys/socket.h>

#include <atomic>

#include "hooks/log.h"
#include "hooks/socket_policy.h"
#include "hooks/state.h"

namespace smc {
namespace {

// Indexed by SMC protocol (kSmcProtoSmc, kSmcProtoSmc6): the errno of the
// first refused SMC socket, 0 while SMC has not been refused.
std::atomic<int> g_smc_refused[2] = {0, 0};
std::atomic<bool> g_fallback_announced{false};

void log_call(LogLine& line, const SocketCall& call) {
  line.str("socket(")
      .domain(call.domain)
      .str(", ")
      .type(call.type)
      .str(", ")
      .protocol(call.protocol)
      .str(")");
}

// Applies one buffer size and describes the result on `line`.
void apply_buffer(int fd, int option, const char* name, int bytes,
                  LogLine& line) {
  if (bytes == 0) return;
  const int rc = setsockopt(fd, SOL_SOCKET, option, &bytes, sizeof bytes);
  if (!line.enabled()) return;
  line.str(", ").str(name).str(" ").num(bytes);
  if (rc != 0) line.str(" failed: ").error(errno);
}

// Only under SMC_DEBUG: without it, socket() tail-calls libc directly.
int pass_through_logged(const State& state, const SocketCall& call) {
  const int fd = state.real.socket(call.domain, call.type, call.protocol);
  const int error = errno;
  LogLine line;
  log_call(line, call);
  if (fd >= 0) {
    line.str(" = ").num(fd).str(" unchanged");
  } else {
    line.str(" failed: ").error(error);
  }
  line.emit();
  return fd;
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
  const SocketDecision decision = decide_socket(call);
  const bool debug = state.settings.debug;
  if (debug) report_settings_once(state.settings);
  if (!decision.convert) return pass_through_logged(state, call);
  const int saved_errno = errno;
  std::atomic<int>& refused = g_smc_refused[decision.smc.protocol];
  int smc_error = refused.load(std::memory_order_relaxed);
  int fd = -1;
  if (smc_error == 0) {
    fd = state.real.socket(decision.smc.domain, decision.smc.type,
                           decision.smc.protocol);
    if (fd < 0) smc_error = errno;
  }

  if (fd < 0) {
    if (!falls_back_to_tcp(smc_error, state.settings.strict)) {
      if (debug) {
        LogLine line;
        log_call(line, call);
        line.str(" -> AF_SMC failed: ").error(smc_error);
        if (state.settings.strict) line.str(" (strict: no TCP fallback)");
        line.emit();
      }
      errno = smc_error;
      return -1;
    }
    refused.store(smc_error, std::memory_order_relaxed);
    if (debug && !g_fallback_announced.exchange(true)) {
      LogLine()
          .str("SMC is not available here (socket(AF_SMC) failed: ")
          .error(smc_error)
          .str("); TCP sockets stay TCP")
          .emit();
    }
    fd = state.real.socket(domain, type, protocol);
    if (fd < 0) {
      if (debug) {
        LogLine line;  // emit() keeps errno as libc's socket() left it
        log_call(line, call);
        line.str(" failed: ").error(errno);
        line.emit();
      }
      return -1;
    }
  }

  LogLine line(debug);
  if (debug) {
    log_call(line, call);
    line.str(" = ").num(fd).str(smc_error == 0 ? " -> AF_SMC" : " -> TCP");
  }
  apply_buffer(fd, SO_SNDBUF, "SO_SNDBUF", state.settings.sndbuf.bytes, line);
  apply_buffer(fd, SO_RCVBUF, "SO_RCVBUF", state.settings.rcvbuf.bytes, line);
  line.emit();
  errno = saved_errno;
  return fd;
}

}  // namespace smc

extern "C" int socket(int domain, int type, int protocol) {
  // The hot path for every socket that stays as it is: the state, the
  // policy, and libc's own call, which sets errno exactly as without us.
  const smc::State* state = smc::quiet_state();
  if (state != nullptr &&
      !smc::decide_socket({domain, type, protocol}).convert) [[likely]] {
    return state->real.socket(domain, type, protocol);
  }
  return smc::convert_or_log(domain, type, protocol);
}

// Our own socket(), by a name no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("socket"), copy(socket))) int
smc_own_socket(int domain, int type, int protocol);
