#include "core/supervisor/connection_answer.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "hooks/conn_policy.h"
#include "hooks/log.h"
#include "hooks/replace_socket.h"

namespace smc {

struct ConnectionAnswerer::Call {
  bool client;  // connect(); else listen()
  int fd;       // the caller's descriptor
  TargetName who;
  int copy = -1;  // ours, of the same socket
  StreamKind kind = StreamKind::kOther;
  Endpoint endpoint{};
};

namespace {

// "connect(5, 10.1.2.3:443): " or "listen(3) on 0.0.0.0:8080: ", as the
// library writes them.
void describe(LogLine& line, bool client, int fd, const Endpoint& endpoint) {
  char where[64];
  format_endpoint(endpoint, where, sizeof where);
  if (client) {
    line.str("seccomp: connect(").num(fd).str(", ").str(where).str("): ");
  } else {
    line.str("seccomp: listen(").num(fd).str(") on ").str(where).str(": ");
  }
}

void describe(LogLine& line, const Verdict& verdict) {
  switch (verdict.why) {
    case Verdict::kNoLists:
      line.str("no policy");
      break;
    case Verdict::kIncluded:
      line.str("included by SMC_INCLUDE ").str(verdict.rule->text, verdict.rule->length);
      break;
    case Verdict::kNotExcluded:
      line.str("not in SMC_EXCLUDE");
      break;
    case Verdict::kExcluded:
      line.str("excluded by SMC_EXCLUDE ").str(verdict.rule->text, verdict.rule->length);
      break;
    case Verdict::kNotIncluded:
      line.str("not in SMC_INCLUDE");
      break;
  }
}

// The caller's socket could not be looked at: its call runs as it is.
void unseen(const TargetName& who, bool debug, bool client, int fd, const char* what,
            int error) {
  if (!debug) return;
  LogLine line(who.name, who.pid);
  line.str(client ? "seccomp: connect(" : "seccomp: listen(").num(fd).str("): cannot ");
  line.str(what).str(": ").error(error).str("; the policy is not applied to it").emit();
}

}  // namespace

void ConnectionAnswerer::answer_connect(const seccomp_notif& n) {
  Call call{true, static_cast<int>(n.data.args[0]),
            settings_.debug ? read_target_name(n.pid) : TargetName{}};
  call.copy = copy_target_fd(n.pid, call.fd);
  if (call.copy < 0) {
    // EBADF: no such descriptor, and the call says so itself.
    const int error = errno;
    listener_.run_call(n.id);
    if (error != EBADF) unseen(call.who, settings_.debug, true, call.fd, "see its socket", error);
    return;
  }
  call.kind = stream_kind(call.copy);
  sockaddr_storage address{};
  const socklen_t length = static_cast<socklen_t>(
      std::min<std::uint64_t>(static_cast<std::uint32_t>(n.data.args[2]), sizeof address));
  const bool read = call.kind != StreamKind::kOther &&
                    read_target_memory(n.pid, n.data.args[1], &address, length);
  const int error = errno;
  if (!read || !endpoint_from(reinterpret_cast<const sockaddr*>(&address), length,
                              &call.endpoint)) {
    // Not a TCP or SMC socket, or not an INET address (AF_UNSPEC, bad
    // pointers: the call fails by itself).
    close(call.copy);
    listener_.run_call(n.id);
    if (call.kind != StreamKind::kOther && !read) {
      unseen(call.who, settings_.debug, true, call.fd, "read the address", error);
    }
    return;
  }
  decide(n, call);
}

void ConnectionAnswerer::answer_listen(const seccomp_notif& n) {
  Call call{false, static_cast<int>(n.data.args[0]),
            settings_.debug ? read_target_name(n.pid) : TargetName{}};
  call.copy = copy_target_fd(n.pid, call.fd);
  if (call.copy < 0) {
    const int error = errno;
    listener_.run_call(n.id);
    if (error != EBADF) unseen(call.who, settings_.debug, false, call.fd, "see its socket", error);
    return;
  }
  call.kind = stream_kind(call.copy);
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  if (call.kind == StreamKind::kOther ||
      getsockname(call.copy, reinterpret_cast<sockaddr*>(&local), &length) != 0 ||
      !endpoint_from(reinterpret_cast<const sockaddr*>(&local), length, &call.endpoint)) {
    close(call.copy);
    listener_.run_call(n.id);
    return;
  }
  decide(n, call);
}

void ConnectionAnswerer::decide(const seccomp_notif& n, Call& call) {
  // What was read counts only if the caller still waits in that call.
  if (!listener_.still_waiting(n.id)) {
    close(call.copy);
    return;
  }
  const Verdict verdict =
      decide_connection(settings_.include, settings_.exclude, call.endpoint);
  if (call.kind == StreamKind::kTcp || verdict.smc) {
    close(call.copy);
    listener_.run_call(n.id);
    if (!settings_.debug) return;
    LogLine line(call.who.name, call.who.pid);
    describe(line, call.client, call.fd, call.endpoint);
    describe(line, verdict);
    line.str(call.kind == StreamKind::kTcp ? " -> TCP (not an SMC socket)" : " -> SMC").emit();
    return;
  }
  replace(n, call);
}

void ConnectionAnswerer::replace(const seccomp_notif& n, Call& call) {
  sockaddr_storage local{};
  socklen_t local_length = sizeof local;
  getsockname(call.copy, reinterpret_cast<sockaddr*>(&local), &local_length);
  const bool cloexec = target_fd_cloexec(n.pid, call.fd);
  // On our copy: the new socket takes the copy's number; its bind to the
  // old address fails while the caller still holds the old socket.
  const Replacement r = replace_with_tcp(call.copy, &::socket);
  int error = r.replaced ? 0 : r.error;
  const char* step = r.step;
  if (r.replaced) {
    const int put = listener_.put_fd(n.id, call.copy, call.fd, cloexec);
    if (put == -ENOENT) {
      close(call.copy);
      return;
    }
    if (put < 0) {
      error = -put;
      step = "ioctl(SECCOMP_IOCTL_NOTIF_ADDFD)";
    } else if (r.error != 0 &&
               bind(call.copy, reinterpret_cast<const sockaddr*>(&local), local_length) != 0) {
      error = errno;  // the old socket is gone now, or someone else took its address
      step = "bind";
    }
  }
  close(call.copy);
  // Better no connection than SMC where the policy says no (as the library).
  if (error != 0) {
    listener_.fail_call(n.id, error);
  } else {
    listener_.run_call(n.id);
  }
  if (!settings_.debug) return;
  LogLine line(call.who.name, call.who.pid);
  describe(line, call.client, call.fd, call.endpoint);
  describe(line, decide_connection(settings_.include, settings_.exclude, call.endpoint));
  if (error == 0) {
    line.str(" -> TCP (replaced the SMC socket)");
  } else {
    line.str(" -> TCP failed: ").str(step).str("() ").error(error);
    line.str(call.client ? "; connect fails" : "; listen fails");
  }
  line.emit();
}

}  // namespace smc
