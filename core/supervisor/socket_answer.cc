#include "core/supervisor/socket_answer.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/log_line.h"
#include "base/socket_log.h"

namespace smc {
namespace {

// "seccomp: socket(AF_INET, SOCK_STREAM, 0)", after the caller's prefix.
void describe(LogLine& line, const SocketCall& call) {
  line.str("seccomp: ");
  describe_call(line, call);
}

}  // namespace

SocketAnswerer::SocketAnswerer(Listener& listener, const Settings& settings,
                               MakeSocketFn make_socket)
    : listener_(listener),
      settings_(settings),
      make_socket_(make_socket),
      net_ns_(own_net_ns()) {}

void SocketAnswerer::answer(const seccomp_notif& n, const TargetName& who,
                            ServedProcess* process) {
  // socket()'s arguments are ints: the kernel ignores the upper halves.
  const SocketCall call{static_cast<int>(n.data.args[0]),
                        static_cast<int>(n.data.args[1]),
                        static_cast<int>(n.data.args[2])};
  if (!is_tcp_socket(call)) {
    listener_.run_call(n.id);
    if (settings_.debug) unchanged(who, call, nullptr);
    return;
  }
  // No ID_VALID check on this path: each answer (ADDFD, SEND) fails with
  // ENOENT once the caller is gone, so what was read under a task id that
  // has been reused since is never acted on.
  // Close-on-exec here; the caller's own flag travels with ADDFD.
  const SmcAttempt made =
      make_smc_socket(call, settings_.family.family, SOCK_CLOEXEC, make_socket_, refused_);
  // The socket is in smc_run's network namespace: for a caller elsewhere
  // (a program that moved itself, a child started in a new one) it would
  // reach the wrong network. Asked when there is a socket to give, and
  // under -d, which says why a call stays TCP.
  const NetNs net_ns =
      made.fd >= 0 || settings_.debug ? compare_net_ns(n.pid, net_ns_) : NetNs::kSame;
  if (net_ns != NetNs::kSame) {
    close(made.fd);
    listener_.run_call(n.id);
    count_socket(process, false, made.used);
    if (settings_.debug) {
      unchanged(who, call,
                net_ns == NetNs::kOther
                    ? " -> TCP: the program is in another network namespace than smc_run"
                    : " -> TCP: its network namespace cannot be read");
    }
    return;
  }
  const bool strict = settings_.strict;
  const int plain_error = ruling_asks_plain_call(made, strict) ? plain_call_error(call) : 0;
  const SocketRuling ruling = rule_on_socket(made, SmcTriedIn::kOtherProcess, strict, plain_error);
  const bool smc = ruling.kind == SocketRuling::kSmc;
  if (smc ? install(n, who, call, made) : refuse(n, who, call, made.tried, ruling)) {
    count_socket(process, smc, made.used);
  }
}

void SocketAnswerer::unchanged(const TargetName& who, const SocketCall& call,
                               const char* why_tcp) {
  LogLine line(who.name, who.pid);
  describe(line, call);
  if (why_tcp != nullptr) {
    line.str(why_tcp);
  } else {
    describe_unchanged(line);
  }
  line.emit();
}

bool SocketAnswerer::install(const seccomp_notif& n, const TargetName& who,
                             const SocketCall& call, const SmcAttempt& made) {
  // Before the program can connect or listen: SMC sizes its buffers then.
  const AppliedBuffers sizes =
      apply_buffers(made.fd, settings_.sndbuf.bytes, settings_.rcvbuf.bytes);
  const int target_fd =
      listener_.answer_with_fd(n.id, made.fd, (call.type & SOCK_CLOEXEC) != 0);
  close(made.fd);
  // Out of descriptors (the caller's limit) or the like: the call still
  // waits, and its own run fails or works as it would without us.
  const bool handed = target_fd >= 0;
  const bool gone = target_fd == -ENOENT;
  if (!handed && !gone) listener_.run_call(n.id);
  if (!settings_.debug) return handed;
  LogLine line(who.name, who.pid);
  describe(line, call);
  const char* name = socket_kind_name(made.used);
  if (handed) {
    describe_made(line, target_fd, name, sizes);
  } else if (gone) {
    line.str(" -> ").str(name).str(", but the caller went away");
  } else {
    line.str(" -> ").str(name).str(" could not be handed over: ");
    line.error(-target_fd).str("; its own call runs");
  }
  line.emit();
  return handed;
}

int SocketAnswerer::plain_call_error(const SocketCall& call) const {
  const int fd = make_socket_(call.domain, call.type | SOCK_CLOEXEC, call.protocol);
  const int error = fd < 0 ? errno : 0;
  if (fd >= 0) close(fd);
  return error;
}

bool SocketAnswerer::refuse(const seccomp_notif& n, const TargetName& who,
                            const SocketCall& call, const Attempts& tried,
                            const SocketRuling& ruling) {
  const bool fails = ruling.kind != SocketRuling::kTcp;
  if (fails) {
    listener_.fail_call(n.id, ruling.error);
  } else {
    listener_.run_call(n.id);
  }
  if (!settings_.debug) return !fails;
  const bool missing = smc_missing(tried);
  if (missing && !fails && !fallback_announced_) {
    fallback_announced_ = true;
    LogLine line(who.name, who.pid);
    line.str("seccomp: ");
    describe_missing(line, tried);
    line.emit();
  }
  LogLine line(who.name, who.pid);
  describe(line, call);
  if (fails) {
    describe_attempts(line, tried);
    if (ruling.kind == SocketRuling::kStrictFail) describe_no_fallback(line);
  } else if (missing) {
    line.str(" -> TCP (its own call)");
  } else {
    describe_attempts(line, tried);
    line.str("; its own call runs");
  }
  line.emit();
  return !fails;
}

}  // namespace smc
