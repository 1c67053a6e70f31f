#include "hooks/connections.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

#include "base/connection_filter.h"
#include "base/connection_outcome.h"
#include "base/decline.h"
#include "hooks/log.h"
#include "hooks/replace_socket.h"

extern "C" char* program_invocation_short_name;

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

// The counts for the summary, per process: g_counts_pid says whose they
// are, so a forked child starts from zero rather than with its parent's.
// (Not pthread_atfork(): glibc links it as __register_atfork, which musl's
// loader cannot resolve.)
std::atomic<int> g_counts_pid{0};
std::atomic<long> g_sockets{0};
std::atomic<long> g_converted[2];  // by Mechanism
std::atomic<long> g_outcomes[5];   // by Outcome
// Fallbacks by reason; a reason takes the first free slot, the rest go to
// the last slot's "other" count.
constexpr int kReasonSlots = 16;
std::atomic<std::uint32_t> g_reason_code[kReasonSlots];
std::atomic<long> g_reason_count[kReasonSlots];
std::atomic<long> g_other_reasons{0};

void reset_counts() {
  g_sockets.store(0);
  for (auto& c : g_converted) c.store(0);
  for (auto& c : g_outcomes) c.store(0);
  for (int i = 0; i < kReasonSlots; ++i) {
    g_reason_code[i].store(0);
    g_reason_count[i].store(0);
  }
  g_other_reasons.store(0);
}

void count_reason(std::uint32_t code) {
  for (int i = 0; i < kReasonSlots; ++i) {
    std::uint32_t seen = g_reason_code[i].load();
    if (seen == 0 && g_reason_code[i].compare_exchange_strong(seen, code)) {
      seen = code;
    }
    if (seen == code) {
      g_reason_count[i].fetch_add(1);
      return;
    }
  }
  g_other_reasons.fetch_add(1);
}

// Makes the counts this process's own; called before each count.
void own_counts() {
  const int pid = getpid();
  if (g_counts_pid.load(std::memory_order_relaxed) == pid) return;
  reset_counts();
  g_counts_pid.store(pid, std::memory_order_relaxed);
}

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
  own_counts();
  g_outcomes[static_cast<int>(v.outcome)].fetch_add(1);
  if (v.outcome == Outcome::kFallback) count_reason(v.reason);
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
  line.str(": ").str(outcome_name(v.outcome));
  if (v.outcome == Outcome::kFallback) {
    const char* ours = decline_name(v.reason);
    const char* theirs = decline_name(v.peer_reason);
    line.str(" (");
    if (ours != nullptr) line.str(ours); else line.num(v.reason);
    if (v.peer_reason != 0) {
      line.str(", peer ");
      if (theirs != nullptr) line.str(theirs); else line.num(v.peer_reason);
    }
    line.str(")");
  } else if (v.outcome == Outcome::kTcp) {
    line.str(" (not an SMC socket)");
  } else if (v.outcome == Outcome::kUnknown) {
    line.str(" (SMC_DIAG does not show it; modprobe smc_diag)");
  }
  line.emit();
}

// A small appender for the summary lines, cut at the buffer's end.
struct Text {
  char* buf;
  std::size_t capacity;
  std::size_t len = 0;
  Text& str(const char* s) {
    while (*s != '\0' && len + 1 < capacity) buf[len++] = *s++;
    return *this;
  }
  Text& num(long v) {
    char digits[24];
    int n = 0;
    const bool negative = v < 0;
    unsigned long u = negative ? 0ul - static_cast<unsigned long>(v)
                               : static_cast<unsigned long>(v);
    do {
      digits[n++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u > 0);
    if (negative) str("-");
    while (n > 0 && len + 1 < capacity) buf[len++] = digits[--n];
    return *this;
  }
  // A JSON string's contents: quotes, backslashes and control bytes escaped.
  Text& json(const char* s) {
    for (; *s != '\0'; ++s) {
      const unsigned char c = static_cast<unsigned char>(*s);
      if (c == '"' || c == '\\') {
        str(c == '"' ? "\\\"" : "\\\\");
      } else if (c < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4],
                                kHex[c & 15], '\0'};
        str(escaped);
      } else {
        const char one[] = {static_cast<char>(c), '\0'};
        str(one);
      }
    }
    return *this;
  }
};

long outcome(Outcome o) { return g_outcomes[static_cast<int>(o)].load(); }

long connections() {
  long total = 0;
  for (const auto& c : g_outcomes) total += c.load();
  return total;
}

void reason_name(Text& t, std::uint32_t code) {
  const char* name = decline_name(code);
  if (name != nullptr) {
    t.str(name);
  } else {
    t.num(static_cast<long>(code));
  }
}

void write_json(const char* path, bool debug) {
  char buffer[2048];
  Text t{buffer, sizeof buffer - 1};
  t.str("{\"pid\":").num(getpid()).str(",\"program\":\"");
  t.json(program_invocation_short_name != nullptr
             ? program_invocation_short_name
             : "");
  t.str("\",\"sockets\":").num(g_sockets.load());
  t.str(",\"converted\":{\"IPPROTO_SMC\":")
      .num(g_converted[static_cast<int>(Mechanism::kInet)].load())
      .str(",\"AF_SMC\":")
      .num(g_converted[static_cast<int>(Mechanism::kSmc)].load())
      .str("}");
  t.str(",\"connections\":").num(connections());
  t.str(",\"smcd\":").num(outcome(Outcome::kSmcD));
  t.str(",\"smcr\":").num(outcome(Outcome::kSmcR));
  t.str(",\"tcp\":").num(outcome(Outcome::kTcp));
  t.str(",\"unknown\":").num(outcome(Outcome::kUnknown));
  t.str(",\"fallback\":{");
  bool first = true;
  for (int i = 0; i < kReasonSlots; ++i) {
    const std::uint32_t code = g_reason_code[i].load();
    if (code == 0 && g_reason_count[i].load() == 0) continue;
    t.str(first ? "\"" : ",\"");
    reason_name(t, code);
    t.str("\":").num(g_reason_count[i].load());
    first = false;
  }
  if (g_other_reasons.load() > 0) {
    t.str(first ? "\"other\":" : ",\"other\":").num(g_other_reasons.load());
  }
  t.str("}}\n");
  const int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  // One write with O_APPEND: lines of concurrent processes do not mix.
  const bool ok = fd >= 0 && write(fd, buffer, t.len) ==
                                 static_cast<ssize_t>(t.len);
  const int error = errno;
  if (fd >= 0) close(fd);
  if (!ok && debug) {
    LogLine().str("cannot write the summary to ").str(path).str(": ")
        .error(error).emit();
  }
}

// At exit (exit() or a return from main; not _exit() or a fatal signal).
__attribute__((destructor)) void print_summary() {
  const State* state = published_state();
  if (state == nullptr) return;
  const Settings& settings = state->settings;
  if (!settings.summary && settings.summary_file == nullptr) return;
  if (g_counts_pid.load() != getpid()) return;  // nothing counted here
  if (g_sockets.load() == 0 && connections() == 0) return;  // nothing to say
  const int saved_errno = errno;
  if (settings.summary_file != nullptr) {
    write_json(settings.summary_file, settings.debug);
  }
  if (!settings.summary) {
    errno = saved_errno;
    return;
  }
  LogLine line;
  line.str("summary: sockets ").num(g_sockets.load());
  line.str(", converted ")
      .num(g_converted[0].load() + g_converted[1].load())
      .str(" (IPPROTO_SMC ")
      .num(g_converted[static_cast<int>(Mechanism::kInet)].load())
      .str(", AF_SMC ")
      .num(g_converted[static_cast<int>(Mechanism::kSmc)].load())
      .str("); connections ")
      .num(connections())
      .str(": SMC-D ")
      .num(outcome(Outcome::kSmcD))
      .str(", SMC-R ")
      .num(outcome(Outcome::kSmcR))
      .str(", TCP fallback ")
      .num(outcome(Outcome::kFallback));
  bool first = true;
  for (int i = 0; i < kReasonSlots; ++i) {
    const long count = g_reason_count[i].load();
    if (count == 0) continue;
    line.str(first ? " (" : ", ");
    const char* name = decline_name(g_reason_code[i].load());
    if (name != nullptr) line.str(name); else line.num(g_reason_code[i].load());
    line.str(" ").num(count);
    first = false;
  }
  if (g_other_reasons.load() > 0) {
    line.str(first ? " (" : ", ").str("other ").num(g_other_reasons.load());
    first = false;
  }
  if (!first) line.str(")");
  line.str(", TCP ").num(outcome(Outcome::kTcp));
  if (outcome(Outcome::kUnknown) > 0) {
    line.str(", unknown ").num(outcome(Outcome::kUnknown));
  }
  line.emit();
  errno = saved_errno;
}

}  // namespace

void count_socket(bool converted, Mechanism mechanism) {
  own_counts();
  g_sockets.fetch_add(1, std::memory_order_relaxed);
  if (converted) {
    g_converted[static_cast<int>(mechanism)].fetch_add(
        1, std::memory_order_relaxed);
  }
}

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
