// socket(2) hook: the heart of smc_run.
//
// Rewritten: TCP sockets, i.e. AF_INET/AF_INET6 + SOCK_STREAM with protocol
// 0 or IPPROTO_TCP (see socket_policy.h), become SMC sockets with the same
// type flags: AF_INET/AF_INET6 with IPPROTO_SMC (Linux 6.11+) or AF_SMC
// with SMCPROTO_SMC/SMCPROTO_SMC6, as SMC_SOCK_FAMILY says (auto: the first
// where the kernel has it). SMC keeps the TCP handshake, so peers without
// SMC still talk to us (the kernel falls back per connection).
// Passed through untouched: every other socket (UDP, UNIX, netlink, raw...).
// Fallback: where the kernel has neither (or refuses them here), the
// original TCP socket is created instead so the program keeps working,
// unless SMC_STRICT asks for the error (marked for smc_run's seccomp
// filter: see library_socket.h). Each refusal is remembered per
// mechanism and IP version, so the kernel is probed once per process: each
// failed socket(AF_SMC) makes it try to load the module again
// (request_module in net/socket.c:__sock_create).
// Then SMC_SNDBUF/SMC_RCVBUF are applied to the TCP-rule sockets only, before
// the program can connect or listen, since SMC sizes its buffers from them at
// that point (net/smc/smc_core.c).
//
// Async-signal-safe like socket(2): no allocation, no locks, errno
// preserved on success.

#include <errno.h>
#include <sys/socket.h>

#include <atomic>

#include "hooks/connections.h"
#include "hooks/library_socket.h"
#include "hooks/log.h"
#include "hooks/socket_policy.h"
#include "hooks/state.h"

namespace smc {
namespace {

// Indexed by [mechanism][IPv6]: the errno of the first refused socket of
// that kind, 0 while it has not been refused.
std::atomic<int> g_refused[2][2] = {{0, 0}, {0, 0}};
std::atomic<bool> g_fallback_announced{false};
std::atomic<bool> g_inet_announced{false};

const char* mechanism_name(Mechanism m) {
  return m == Mechanism::kInet ? "IPPROTO_SMC" : "AF_SMC";
}

// The mechanisms one conversion found refused, with the errno each got
// (now or, remembered, earlier), for the -d lines.
struct Attempts {
  Mechanism mechanism[2];
  int error[2];
  int count;
};

void log_attempts(LogLine& line, const Attempts& a) {
  for (int i = 0; i < a.count; ++i) {
    line.str(i == 0 ? " -> " : ", ")
        .str(mechanism_name(a.mechanism[i]))
        .str(" failed: ")
        .error(a.error[i]);
  }
}

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
  const bool debug = state.settings.debug;
  if (debug) report_settings_once(state.settings);
  if (!is_tcp_socket(call)) return pass_through_logged(state, call);
  const int saved_errno = errno;
  const int v6 = domain == AF_INET6 ? 1 : 0;
  Attempts tried{};
  Mechanism order[2];
  const int mechanisms = mechanisms_for(state.settings.family.family, order);
  int fd = -1;
  Mechanism used = Mechanism::kSmc;  // when fd >= 0
  for (int i = 0; i < mechanisms; ++i) {
    const Mechanism m = order[i];
    std::atomic<int>& refused = g_refused[static_cast<int>(m)][v6];
    int error = refused.load(std::memory_order_relaxed);
    if (error == 0) {
      const SocketCall smc = smc_socket(call, m);
      fd = state.real.socket(smc.domain, smc.type, smc.protocol);
      if (fd >= 0) {
        used = m;
        break;
      }
      error = errno;
      if (smc_unavailable(error)) refused.store(error, std::memory_order_relaxed);
    }
    tried.mechanism[tried.count] = m;
    tried.error[tried.count++] = error;
    if (!smc_unavailable(error)) {
      // Out of descriptors, memory...: TCP would fail alike.
      if (debug) {
        LogLine line;
        log_call(line, call);
        log_attempts(line, tried);
        line.emit();
      }
      errno = error;
      return -1;
    }
  }
  const bool smc = fd >= 0;

  if (smc && tried.count > 0 && debug &&
      !g_inet_announced.exchange(true)) {
    LogLine()
        .str("IPPROTO_SMC is not available here (")
        .error(tried.error[0])
        .str("); TCP sockets become AF_SMC sockets")
        .emit();
  }
  if (!smc) {
    if (state.settings.strict) {
      if (debug) {
        LogLine line;
        log_call(line, call);
        log_attempts(line, tried);
        line.str(" (strict: no TCP fallback)");
        line.emit();
      }
      errno = tried.error[tried.count - 1];
      return -1;
    }
    if (debug && !g_fallback_announced.exchange(true)) {
      LogLine line;
      line.str("SMC is not available here (");
      for (int i = 0; i < tried.count; ++i) {
        if (i > 0) line.str(", ");
        line.str(mechanism_name(tried.mechanism[i]))
            .str(": ")
            .error(tried.error[i]);
      }
      line.str("); TCP sockets stay TCP").emit();
    }
    // Marked, so that a seccomp supervisor under us does not probe again.
    fd = library_socket(state.real.socket, domain, type, protocol);
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

  new_socket(fd, smc);
  count_socket(smc, used);
  LogLine line(debug);
  if (debug) {
    log_call(line, call);
    line.str(" = ").num(fd).str(" -> ").str(
        smc ? mechanism_name(used) : "TCP");
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
      !smc::is_tcp_socket({domain, type, protocol})) [[likely]] {
    return state->real.socket(domain, type, protocol);
  }
  return smc::convert_or_log(domain, type, protocol);
}

// Our own socket(), by a name no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("socket"), copy(socket))) int
smc_own_socket(int domain, int type, int protocol);
