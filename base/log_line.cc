#include "base/log_line.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

#include "base/smc_abi.h"

// glibc and musl both export it (<errno.h> with _GNU_SOURCE); it is set
// before any constructor runs.
extern "C" char* program_invocation_short_name;

namespace smc {
namespace {

// What fd 2 was at load: -1 until open_diagnostics(), -2 when it was
// closed then. No copy of it is kept: a copy would hold the caller's pipe
// or terminal open for as long as the program lives, even after it
// detached (daemon(0, 0) puts /dev/null on 0, 1 and 2), and keep
// `x=$(smc_run --summary prog 2>&1)` waiting for it.
std::atomic<int> g_log_state{-1};
std::atomic<unsigned long> g_log_dev{0};
std::atomic<unsigned long> g_log_ino{0};

bool is_recorded_stderr(int fd) {
  struct stat st {};
  return fstat(fd, &st) == 0 &&
         static_cast<unsigned long>(st.st_dev) == g_log_dev.load() &&
         static_cast<unsigned long>(st.st_ino) == g_log_ino.load();
}

// Where a line may go now, or -1 to drop it: fd 2 while it still is the
// file it was at load; never a file the program put there since (a daemon
// may close it and get a socket or a log file on that number).
int log_target() {
  const int state = g_log_state.load();
  if (state == -2) return -1;  // stderr was closed at load
  if (state == -1) return STDERR_FILENO;
  return is_recorded_stderr(STDERR_FILENO) ? STDERR_FILENO : -1;
}

// write(2) that cannot raise SIGPIPE in the program: a reader of stderr
// that went away (`smc_run --summary prog 2>&1 | head -c1`) must not kill
// a program that would have ended well alone. SIGPIPE is blocked around
// the write, and one it raised is taken back with a zero-timeout
// sigtimedwait(), unless one was pending already (the program's own).
// Only system calls: async-signal-safe.
void write_without_sigpipe(int fd, const char* text, std::size_t length) {
  sigset_t pipe_only;
  sigset_t before;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &before);
  sigset_t pending;
  sigemptyset(&pending);
  const bool was_pending = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
  bool broken = false;
  std::size_t done = 0;
  while (done < length) {
    const ssize_t n = write(fd, text + done, length - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      broken = n < 0 && errno == EPIPE;
      break;  // stderr closed or full: diagnostics are best effort
    }
  }
  if (broken && !was_pending) {
    const timespec now{0, 0};
    while (sigtimedwait(&pipe_only, nullptr, &now) < 0 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

struct Name {
  int value;
  const char* name;
};

const char* lookup(const Name* names, std::size_t count, int value) {
  for (std::size_t i = 0; i < count; ++i) {
    if (names[i].value == value) return names[i].name;
  }
  return nullptr;
}

constexpr Name kDomains[] = {
    {AF_UNIX, "AF_UNIX"},       {AF_INET, "AF_INET"},
    {AF_INET6, "AF_INET6"},     {AF_NETLINK, "AF_NETLINK"},
    {AF_PACKET, "AF_PACKET"},   {kAfSmc, "AF_SMC"},
};

constexpr Name kTypes[] = {
    {SOCK_STREAM, "SOCK_STREAM"}, {SOCK_DGRAM, "SOCK_DGRAM"},
    {SOCK_RAW, "SOCK_RAW"},       {SOCK_SEQPACKET, "SOCK_SEQPACKET"},
};

constexpr Name kProtocols[] = {
    {IPPROTO_TCP, "IPPROTO_TCP"},
    {IPPROTO_UDP, "IPPROTO_UDP"},
    {IPPROTO_MPTCP, "IPPROTO_MPTCP"},
};

// The errors socket(), setsockopt() and bind() report; strerror() is not
// async-signal-safe, and names are what users search for anyway.
constexpr Name kErrors[] = {
    {EAFNOSUPPORT, "EAFNOSUPPORT"}, {EPROTONOSUPPORT, "EPROTONOSUPPORT"},
    {ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT"}, {EPERM, "EPERM"},
    {EACCES, "EACCES"},             {EINVAL, "EINVAL"},
    {EMFILE, "EMFILE"},             {ENFILE, "ENFILE"},
    {ENOBUFS, "ENOBUFS"},           {ENOMEM, "ENOMEM"},
    {EBADF, "EBADF"},               {ENOPROTOOPT, "ENOPROTOOPT"},
    {EADDRINUSE, "EADDRINUSE"},     {ENOTSOCK, "ENOTSOCK"},
};

template <std::size_t N>
const char* lookup(const Name (&names)[N], int value) {
  return lookup(names, N, value);
}

// The name of `value` in `names`, or the number itself.
template <std::size_t N>
LogLine& named(LogLine& line, const Name (&names)[N], int value) {
  if (!line.enabled()) return line;
  const char* name = lookup(names, value);
  return name != nullptr ? line.str(name) : line.num(value);
}

}  // namespace

LogLine::LogLine(bool enabled) : enabled_(enabled) {
  if (enabled_) begin(program_invocation_short_name, getpid());
}

LogLine::LogLine(const char* program, long pid) : enabled_(true) {
  begin(program, pid);
}

void LogLine::begin(const char* program, long pid) {
  // A name of any length leaves the line its room: at most 64 bytes of it.
  char name[65];
  TextWriter shown(name, sizeof name);
  shown.printable(program != nullptr && program[0] != '\0' ? program : "?");
  text_.str(shown.data(), shown.size());
  str("[").num(pid).str("]: smc: ");
}

// Text from anywhere (the environment, a program's name, our own words)
// goes in printable: a newline in it cannot forge a line of ours.
LogLine& LogLine::str(const char* text) {
  if (enabled_) text_.printable(text);
  return *this;
}

LogLine& LogLine::str(const char* text, std::size_t length) {
  if (enabled_) text_.printable(text, length);
  return *this;
}

LogLine& LogLine::num(long value) {
  if (enabled_) text_.num(value);
  return *this;
}

LogLine& LogLine::hex(unsigned long value) {
  if (enabled_) text_.hex(value);
  return *this;
}

LogLine& LogLine::domain(int domain) { return named(*this, kDomains, domain); }

LogLine& LogLine::type(int type) {
  if (!enabled_) return *this;
  const char* name = lookup(kTypes, type & kSockTypeMask);
  if (name != nullptr) {
    str(name);
  } else {
    num(type & kSockTypeMask);
  }
  if ((type & SOCK_NONBLOCK) != 0) str("|SOCK_NONBLOCK");
  if ((type & SOCK_CLOEXEC) != 0) str("|SOCK_CLOEXEC");
  return *this;
}

LogLine& LogLine::protocol(int protocol) {
  return named(*this, kProtocols, protocol);
}

LogLine& LogLine::error(int error) {
  if (!enabled_) return *this;
  const char* name = lookup(kErrors, error);
  return name != nullptr ? str(name) : str("errno ").num(error);
}

void open_diagnostics() {
  struct stat st {};
  if (fstat(STDERR_FILENO, &st) != 0) {
    g_log_state.store(-2);
    return;
  }
  g_log_dev.store(static_cast<unsigned long>(st.st_dev));
  g_log_ino.store(static_cast<unsigned long>(st.st_ino));
  g_log_state.store(STDERR_FILENO);
}

void LogLine::emit() {
  if (!enabled_) return;
  const int saved_errno = errno;
  const int fd = log_target();
  if (fd < 0) {
    errno = saved_errno;
    return;
  }
  const std::size_t length = text_.size() + 1;
  buf_[length - 1] = '\n';  // over the NUL
  write_without_sigpipe(fd, buf_, length);
  buf_[length - 1] = '\0';
  errno = saved_errno;
}

}  // namespace smc
