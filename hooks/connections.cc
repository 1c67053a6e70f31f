#include "hooks/connections.h"

#include <errno.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdint>

#include "base/connection_filter.h"
#include "base/connection_outcome.h"
#include "base/log_line.h"
#include "base/replace_socket.h"
#include "base/socket_log.h"
#include "hooks/summary.h"

namespace smc {
namespace {

// Descriptors with a non-blocking connect in progress, one bit each. Plain
// atomics: a program may connect from many threads (and signal handlers).
constexpr int kTrackedFds = 65536;
std::atomic<std::uint64_t> g_pending[kTrackedFds / 64];
// Descriptors the library made SMC sockets (socket(), or accept() on such a
// listener). Needed because a connection that falls back hands its file to
// the internal TCP socket (net/smc/af_smc.c, smc_switch_to_fallback), so
// SO_DOMAIN and SO_PROTOCOL then say TCP, while fstat() still gives the
// SMC socket's inode, which SMC_DIAG knows.
std::atomic<std::uint64_t> g_smc_fds[kTrackedFds / 64];

bool set_bit(std::atomic<std::uint64_t>* bits, int fd, bool on) {
  if (fd < 0 || fd >= kTrackedFds) return false;
  const std::uint64_t bit = std::uint64_t{1} << (fd % 64);
  std::atomic<std::uint64_t>& word = bits[fd / 64];
  const std::uint64_t before =
      on ? word.fetch_or(bit) : word.fetch_and(~bit);
  return (before & bit) != 0;
}

bool get_bit(const std::atomic<std::uint64_t>* bits, int fd) {
  if (fd < 0 || fd >= kTrackedFds) return false;
  return (bits[fd / 64].load(std::memory_order_relaxed) &
          (std::uint64_t{1} << (fd % 64))) != 0;
}

// Whether to judge `fd`, and how: an SMC socket is looked up in SMC_DIAG,
// a plain TCP one is TCP, anything else (UNIX stream sockets...) is not
// reported. A connection that fell back hands its file to the internal TCP
// socket, so an SMC socket we made may now look like TCP (see g_smc_fds).
StreamKind kind_of(int fd) {
  const StreamKind kind = stream_kind(fd);
  if (kind == StreamKind::kTcp && get_bit(g_smc_fds, fd)) {
    return StreamKind::kSmc;
  }
  return kind;
}

// The outcome of `fd`, counted and, under -d, said in one line that
// the caller has begun ("connect(5)", "accept(3) = 6"); `peer_word`
// introduces the peer's address (" to ", " from ").
void report(const State& state, int fd, const char* peer_word,
            LogLine& line) {
  const StreamKind kind = kind_of(fd);
  if (kind == StreamKind::kOther) return;
  ConnectionOutcome v{Outcome::kTcp, 0, 0};
  if (kind == StreamKind::kSmc) {
    struct stat st {};
    v = fstat(fd, &st) == 0
            ? query_outcome(static_cast<std::uint64_t>(st.st_ino),
                            state.real.socket)
            : ConnectionOutcome{Outcome::kUnknown, 0, 0};
  }
  count_outcome(v);
  if (!line.enabled()) return;
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  Endpoint peer;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0 &&
      endpoint_from(reinterpret_cast<sockaddr*>(&address), length, &peer)) {
    char text[48];  // enough, see format_endpoint()
    format_endpoint(peer, text, sizeof text);
    line.str(peer_word).str(text);
  }
  describe_outcome(line, v);
  line.emit();
}

}  // namespace

void new_socket(int fd, bool smc) {
  set_bit(g_pending, fd, false);
  set_bit(g_smc_fds, fd, smc);
}

bool connect_pending(int fd) { return get_bit(g_pending, fd); }

void after_connect(const State& state, int fd, int result, int error) {
  if (!wants_outcomes(state.settings)) return;
  const int saved_errno = errno;
  if (result != 0) {
    // In progress: the outcome comes when the program asks for SO_ERROR.
    if (error == EINPROGRESS && kind_of(fd) != StreamKind::kOther) {
      set_bit(g_pending, fd, true);
    }
    errno = saved_errno;
    return;
  }
  LogLine line(state.settings.debug);
  if (line.enabled()) line.str("connect(").num(fd).str(")");
  report(state, fd, " to ", line);
  errno = saved_errno;
}

void after_connect_completed(const State& state, int fd, int so_error) {
  if (!set_bit(g_pending, fd, false) || so_error != 0) return;
  const int saved_errno = errno;
  LogLine line(state.settings.debug);
  if (line.enabled()) line.str("connect(").num(fd).str(") completed");
  report(state, fd, " to ", line);
  errno = saved_errno;
}

void after_accept(const State& state, int listener, int fd) {
  if (fd < 0 || !wants_outcomes(state.settings)) return;
  new_socket(fd, get_bit(g_smc_fds, listener));
  const int saved_errno = errno;
  LogLine line(state.settings.debug);
  if (line.enabled()) {
    line.str("accept(").num(listener).str(") = ").num(fd);
  }
  report(state, fd, " from ", line);
  errno = saved_errno;
}

}  // namespace smc
