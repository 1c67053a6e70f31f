#include "core/supervisor/connection_answer.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "base/connection_filter.h"
#include "base/connection_ruling.h"
#include "base/log_line.h"
#include "base/replace_socket.h"
#include "base/socket_log.h"

namespace smc {

struct ConnectionAnswerer::Call {
  FilterSide side;
  int fd;  // the caller's descriptor
  TargetName who;
  int copy = -1;  // ours, of the same socket
  StreamKind kind = StreamKind::kOther;
  Endpoint endpoint{};
};

namespace {

// "seccomp: connect(5, 10.1.2.3:443): excluded by SMC_EXCLUDE ..." as the
// library writes it, after "seccomp: ".
void describe(LogLine& line, const FilterSide side, int fd, const Endpoint& endpoint,
              const FilterDecision& decision) {
  line.str("seccomp: ");
  describe_filtered_call(line, side, fd, endpoint);
  describe_decision(line, decision);
}

// The caller's socket could not be looked at: its call runs as it is.
void unseen(const TargetName& who, bool debug, FilterSide side, int fd, const char* what,
            int error) {
  if (!debug) return;
  LogLine line(who.name, who.pid);
  line.str(side == FilterSide::kClient ? "seccomp: connect(" : "seccomp: listen(").num(fd);
  line.str("): cannot ").str(what).str(": ").error(error);
  line.str("; the connection filter is not applied to it").emit();
}

}  // namespace

bool ConnectionAnswerer::copy_socket(const seccomp_notif& n, Call& call) {
  call.copy = copy_target_fd(n.pid, call.fd);
  if (call.copy < 0) {
    // EBADF: no such descriptor, and the call says so itself.
    const int error = errno;
    listener_.run_call(n.id);
    if (error != EBADF) unseen(call.who, settings_.debug, call.side, call.fd, "see its socket", error);
    return false;
  }
  call.kind = stream_kind(call.copy);
  return true;
}

void ConnectionAnswerer::answer_connect(const seccomp_notif& n, const TargetName& who) {
  Call call{FilterSide::kClient, static_cast<int>(n.data.args[0]), who};
  if (!copy_socket(n, call)) return;
  sockaddr_storage address{};
  const socklen_t length = static_cast<socklen_t>(
      std::min<std::uint64_t>(static_cast<std::uint32_t>(n.data.args[2]), sizeof address));
  const bool read = filter_looks_at(call.kind) &&
                    read_target_memory(n.pid, n.data.args[1], &address, length);
  const int error = errno;
  if (!read || !endpoint_from(reinterpret_cast<const sockaddr*>(&address), length,
                              &call.endpoint)) {
    // Not a TCP or SMC socket, or not an INET address (AF_UNSPEC, bad
    // pointers: the call fails by itself).
    close(call.copy);
    listener_.run_call(n.id);
    if (filter_looks_at(call.kind) && !read) {
      unseen(call.who, settings_.debug, call.side, call.fd, "read the address", error);
    }
    return;
  }
  decide(n, call);
}

void ConnectionAnswerer::answer_listen(const seccomp_notif& n, const TargetName& who) {
  Call call{FilterSide::kServer, static_cast<int>(n.data.args[0]), who};
  if (!copy_socket(n, call)) return;
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  if (!filter_looks_at(call.kind) ||
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
  const FilterDecision decision =
      decide_connection(settings_.include, settings_.exclude, call.endpoint);
  const ConnectionRuling ruling = rule_on_connection(call.kind, decision);
  if (ruling == ConnectionRuling::kReplace) {
    replace(n, call, decision);
    return;
  }
  close(call.copy);
  listener_.run_call(n.id);
  if (!settings_.debug) return;
  LogLine line(call.who.name, call.who.pid);
  describe(line, call.side, call.fd, call.endpoint, decision);
  describe_connection_ruling(line, ruling);
  line.emit();
}

void ConnectionAnswerer::replace(const seccomp_notif& n, Call& call,
                                 const FilterDecision& decision) {
  sockaddr_storage local{};
  socklen_t local_length = sizeof local;
  getsockname(call.copy, reinterpret_cast<sockaddr*>(&local), &local_length);
  const bool cloexec = target_fd_cloexec(n.pid, call.fd);
  // On our copy: the new socket takes the copy's number; its bind to the
  // old address fails while the caller still holds the old socket, so it
  // is bound again once the new socket is in the caller's place.
  Replacement r = replace_with_tcp(call.copy, &::socket);
  if (r.replaced) {
    const int put = listener_.put_fd(n.id, call.copy, call.fd, cloexec);
    if (put == -ENOENT) {
      close(call.copy);
      return;
    }
    if (put < 0) {
      r.replaced = false;
      r.error = -put;
      r.step = "ioctl";  // SECCOMP_IOCTL_NOTIF_ADDFD
    } else if (r.error != 0) {
      const bool bound =
          bind(call.copy, reinterpret_cast<const sockaddr*>(&local), local_length) == 0;
      r.error = bound ? 0 : errno;  // someone else took the address meanwhile
      r.rebound = bound;
    }
  }
  close(call.copy);
  // Better no connection than SMC where the filter says no (as the library).
  if (r.error != 0) {
    listener_.fail_call(n.id, r.error);
  } else {
    listener_.run_call(n.id);
  }
  if (!settings_.debug) return;
  LogLine line(call.who.name, call.who.pid);
  describe(line, call.side, call.fd, call.endpoint, decision);
  describe_replacement(line, r, call.side);
  line.emit();
}

}  // namespace smc
