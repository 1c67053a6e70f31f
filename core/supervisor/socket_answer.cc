#include "core/supervisor/socket_answer.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hooks/log.h"

namespace smc {
namespace {

const char* mechanism_name(Mechanism m) {
  return m == Mechanism::kInet ? "IPPROTO_SMC" : "AF_SMC";
}

// "seccomp: socket(AF_INET, SOCK_STREAM, 0)", after the caller's prefix.
void describe(LogLine& line, const SocketCall& call) {
  line.str("seccomp: socket(")
      .domain(call.domain)
      .str(", ")
      .type(call.type)
      .str(", ")
      .protocol(call.protocol)
      .str(")");
}

void describe(LogLine& line, const Attempts& a) {
  for (int i = 0; i < a.count; ++i) {
    line.str(i == 0 ? " -> " : ", ")
        .str(mechanism_name(a.mechanism[i]))
        .str(" failed: ")
        .error(a.error[i]);
  }
}

// One of SMC_SNDBUF/SMC_RCVBUF applied to a socket, for the -d line.
struct Applied {
  const char* name;
  int bytes;  // 0: not asked for
  int error;  // setsockopt's errno, 0 when it worked
};

Applied apply_buffer(int fd, int option, const char* name, int bytes) {
  if (bytes == 0) return {name, 0, 0};
  const int rc = setsockopt(fd, SOL_SOCKET, option, &bytes, sizeof bytes);
  return {name, bytes, rc == 0 ? 0 : errno};
}

void describe(LogLine& line, const Applied& a) {
  if (a.bytes == 0) return;
  line.str(", ").str(a.name).str(" ").num(a.bytes);
  if (a.error != 0) line.str(" failed: ").error(a.error);
}

}  // namespace

Refusal after_refusals(const Attempts& attempts, bool strict) {
  if (attempts.count == 0) return {false, 0};
  const int last = attempts.error[attempts.count - 1];
  // Out of descriptors or memory...: TCP may fail alike, and the caller's
  // own call tells, within the caller's own limits.
  if (!smc_unavailable(last)) return {false, 0};
  if (strict) return {true, last};
  return {false, 0};
}

SocketAnswerer::SocketAnswerer(Listener& listener, const Settings& settings,
                               MakeSocketFn make_socket)
    : listener_(listener),
      settings_(settings),
      make_socket_(make_socket),
      net_ns_(own_net_ns()) {}

void SocketAnswerer::answer(const seccomp_notif& n) {
  // socket()'s arguments are ints: the kernel ignores the upper halves.
  const SocketCall call{static_cast<int>(n.data.args[0]),
                        static_cast<int>(n.data.args[1]),
                        static_cast<int>(n.data.args[2])};
  const bool debug = settings_.debug;
  const TargetName who = debug ? read_target_name(n.pid) : TargetName{};
  const NetNs net_ns = compare_net_ns(n.pid, net_ns_);
  // Read about the caller before this check, act on it after.
  if (!listener_.still_waiting(n.id)) return;  // killed meanwhile
  const bool tcp = is_tcp_socket(call);
  if (!tcp || net_ns != NetNs::kSame) {
    listener_.run_call(n.id);
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
  Attempts tried{};
  Mechanism used = Mechanism::kSmc;
  const int fd = make_smc_socket(call, &tried, &used);
  if (fd >= 0) {
    install(n, who, call, fd, used);
  } else {
    refuse(n, who, call, tried);
  }
}

int SocketAnswerer::make_smc_socket(const SocketCall& call, Attempts* tried,
                                    Mechanism* used) {
  Mechanism order[2];
  const int mechanisms = mechanisms_for(settings_.family.family, order);
  const int v6 = call.domain == AF_INET6 ? 1 : 0;
  for (int i = 0; i < mechanisms; ++i) {
    const Mechanism m = order[i];
    int& refused = refused_[static_cast<int>(m)][v6];
    int error = refused;
    if (error == 0) {
      const SocketCall smc = smc_socket(call, m);
      // Close-on-exec here; the caller's own flag travels with ADDFD.
      const int fd = make_socket_(smc.domain, smc.type | SOCK_CLOEXEC, smc.protocol);
      if (fd >= 0) {
        *used = m;
        return fd;
      }
      error = errno;
      if (smc_unavailable(error)) refused = error;
    }
    tried->mechanism[tried->count] = m;
    tried->error[tried->count++] = error;
    if (!smc_unavailable(error)) break;
  }
  return -1;
}

void SocketAnswerer::install(const seccomp_notif& n, const TargetName& who,
                             const SocketCall& call, int fd, Mechanism used) {
  // Before the program can connect or listen: SMC sizes its buffers then.
  const Applied sizes[2] = {
      apply_buffer(fd, SO_SNDBUF, "SO_SNDBUF", settings_.sndbuf.bytes),
      apply_buffer(fd, SO_RCVBUF, "SO_RCVBUF", settings_.rcvbuf.bytes),
  };
  const int target_fd =
      listener_.answer_with_fd(n.id, fd, (call.type & SOCK_CLOEXEC) != 0);
  close(fd);
  // Out of descriptors (the caller's limit) or the like: the call still
  // waits, and its own run fails or works as it would without us.
  const bool handed = target_fd >= 0;
  const bool gone = target_fd == -ENOENT;
  if (!handed && !gone) listener_.run_call(n.id);
  if (!settings_.debug) return;
  LogLine line(who.name, who.pid);
  describe(line, call);
  if (handed) {
    line.str(" = ").num(target_fd).str(" -> ").str(mechanism_name(used));
    for (const Applied& a : sizes) describe(line, a);
  } else if (gone) {
    line.str(" -> ").str(mechanism_name(used)).str(", but the caller went away");
  } else {
    line.str(" -> ").str(mechanism_name(used)).str(" could not be handed over: ");
    line.error(-target_fd).str("; its own call runs");
  }
  line.emit();
}

void SocketAnswerer::refuse(const seccomp_notif& n, const TargetName& who,
                            const SocketCall& call, const Attempts& tried) {
  const Refusal refusal = after_refusals(tried, settings_.strict);
  if (refusal.fail) {
    listener_.fail_call(n.id, refusal.error);
  } else {
    listener_.run_call(n.id);
  }
  if (!settings_.debug) return;
  const bool missing = tried.count > 0 && smc_unavailable(tried.error[tried.count - 1]);
  if (missing && !refusal.fail && !fallback_announced_) {
    fallback_announced_ = true;
    LogLine line(who.name, who.pid);
    line.str("seccomp: SMC is not available here (");
    for (int i = 0; i < tried.count; ++i) {
      if (i > 0) line.str(", ");
      line.str(mechanism_name(tried.mechanism[i])).str(": ").error(tried.error[i]);
    }
    line.str("); TCP sockets stay TCP").emit();
  }
  LogLine line(who.name, who.pid);
  describe(line, call);
  if (refusal.fail) {
    describe(line, tried);
    line.str(" (strict: no TCP fallback)");
  } else if (missing) {
    line.str(" -> TCP (its own call)");
  } else {
    describe(line, tried);
    line.str("; its own call runs");
  }
  line.emit();
}

}  // namespace smc
