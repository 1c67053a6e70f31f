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

Refusal after_refusals(const Attempts& attempts, bool strict) {
  // Out of descriptors or memory...: TCP may fail alike, and the caller's
  // own call tells, within the caller's own limits.
  if (!smc_missing(attempts)) return {false, 0};
  if (strict) return {true, attempts.error[attempts.count - 1]};
  return {false, 0};
}

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
  const bool debug = settings_.debug;
  const NetNs net_ns = compare_net_ns(n.pid, net_ns_);
  // Read about the caller before this check, act on it after.
  if (!listener_.still_waiting(n.id)) return;  // killed meanwhile
  const bool tcp = is_tcp_socket(call);
  if (!tcp || net_ns != NetNs::kSame) {
    listener_.run_call(n.id);
    if (tcp) count_socket(process, false, Mechanism::kSmc);
    if (!debug) return;
    LogLine line(who.name, who.pid);
    describe(line, call);
    line.str(!tcp                      ? " unchanged"
             : net_ns == NetNs::kOther ? " -> TCP: the program is in another "
                                         "network namespace than smc_run"
                                       : " -> TCP: its network namespace "
                                         "cannot be read");
    line.emit();
    return;
  }
  // Close-on-exec here; the caller's own flag travels with ADDFD.
  const SmcAttempt made =
      make_smc_socket(call, settings_.family.family, SOCK_CLOEXEC, make_socket_, refused_);
  if (made.fd >= 0 ? install(n, who, call, made) : refuse(n, who, call, made.tried)) {
    count_socket(process, made.fd >= 0, made.used);
  }
}

bool SocketAnswerer::install(const seccomp_notif& n, const TargetName& who,
                             const SocketCall& call, const SmcAttempt& made) {
  // Before the program can connect or listen: SMC sizes its buffers then.
  const AppliedBuffer sizes[2] = {
      apply_buffer(made.fd, SO_SNDBUF, "SO_SNDBUF", settings_.sndbuf.bytes),
      apply_buffer(made.fd, SO_RCVBUF, "SO_RCVBUF", settings_.rcvbuf.bytes),
  };
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
  const char* name = mechanism_name(made.used);
  if (handed) {
    line.str(" = ").num(target_fd).str(" -> ").str(name);
    for (const AppliedBuffer& a : sizes) describe_buffer(line, a);
  } else if (gone) {
    line.str(" -> ").str(name).str(", but the caller went away");
  } else {
    line.str(" -> ").str(name).str(" could not be handed over: ");
    line.error(-target_fd).str("; its own call runs");
  }
  line.emit();
  return handed;
}

bool SocketAnswerer::refuse(const seccomp_notif& n, const TargetName& who,
                            const SocketCall& call, const Attempts& tried) {
  const Refusal refusal = after_refusals(tried, settings_.strict);
  if (refusal.fail) {
    listener_.fail_call(n.id, refusal.error);
  } else {
    listener_.run_call(n.id);
  }
  if (!settings_.debug) return !refusal.fail;
  const bool missing = smc_missing(tried);
  if (missing && !refusal.fail && !fallback_announced_) {
    fallback_announced_ = true;
    LogLine line(who.name, who.pid);
    line.str("seccomp: ");
    describe_missing(line, tried);
    line.emit();
  }
  LogLine line(who.name, who.pid);
  describe(line, call);
  if (refusal.fail) {
    describe_attempts(line, tried);
    line.str(" (strict: no TCP fallback)");
  } else if (missing) {
    line.str(" -> TCP (its own call)");
  } else {
    describe_attempts(line, tried);
    line.str("; its own call runs");
  }
  line.emit();
  return !refusal.fail;
}

}  // namespace smc
