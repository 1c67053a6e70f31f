#include "base/log_line.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
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

// Our copy of stderr and what it was: -1 until open_diagnostics().
std::atomic<int> g_log_fd{-1};
std::atomic<unsigned long> g_log_dev{0};
std::atomic<unsigned long> g_log_ino{0};

bool is_recorded_stderr(int fd) {
  struct stat st {};
  return fstat(fd, &st) == 0 &&
         static_cast<unsigned long>(st.st_dev) == g_log_dev.load() &&
         static_cast<unsigned long>(st.st_ino) == g_log_ino.load();
}

// Where a line may go now, or -1 to drop it: our copy of stderr, or fd 2
// while it still is that same file (a program that closed every
// descriptor also closed our copy); never a file the program put there.
int log_target() {
  const int fd = g_log_fd.load();
  if (fd == -2) return -1;  // stderr was closed at load
  if (fd < 0) return STDERR_FILENO;
  if (is_recorded_stderr(fd)) return fd;
  if (is_recorded_stderr(STDERR_FILENO)) return STDERR_FILENO;
  return -1;
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
  if (!enabled_) return;
  const char* program = program_invocation_short_name;
  str(program != nullptr && program[0] != '\0' ? program : "?");
  str("[").num(getpid()).str("]: smc: ");
}

LogLine::LogLine(const char* program, long pid) : enabled_(true) {
  str(program != nullptr && program[0] != '\0' ? program : "?");
  str("[").num(pid).str("]: smc: ");
}

LogLine& LogLine::str(const char* text) {
  if (enabled_) text_.str(text);
  return *this;
}

LogLine& LogLine::str(const char* text, std::size_t length) {
  if (enabled_) text_.str(text, length);
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
  // High, so that it stays clear of the numbers programs use; CLOEXEC, so
  // that children take their own copy.
  int fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 900);
  if (fd < 0) fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 10);
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0) {
    if (fd >= 0) close(fd);
    g_log_fd.store(-2);
    return;
  }
  g_log_dev.store(static_cast<unsigned long>(st.st_dev));
  g_log_ino.store(static_cast<unsigned long>(st.st_ino));
  g_log_fd.store(fd);
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
  std::size_t done = 0;
  while (done < length) {
    const ssize_t n = write(fd, buf_ + done, length - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // stderr closed or full: diagnostics are best effort
    }
  }
  buf_[length - 1] = '\0';
  errno = saved_errno;
}

}  // namespace smc
