#include "core/supervisor/supervisor_process.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

#include "base/settings.h"
#include "core/supervisor/fd_passing.h"
#include "core/supervisor/listener.h"
#include "core/supervisor/notification_loop.h"
#include "core/supervisor/seccomp_filter.h"

namespace smc {
namespace {

// The supervisor's answers to the launcher on the channel.
constexpr char kTaken = 'y';
constexpr char kCannot = 'n';

// Where the channel sits in the supervisor once the rest is closed.
constexpr int kChannelFd = 3;

// Signals sent to whole groups or sessions that must not end the
// supervisor while PROGRAM lives (SIGKILL cannot be ignored).
constexpr int kIgnored[] = {SIGHUP,  SIGINT,  SIGQUIT, SIGTERM, SIGPIPE, SIGTSTP,
                            SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2, SIGALRM, SIGURG};

void close_from(unsigned first) {
  if (syscall(SYS_close_range, first, ~0U, 0) == 0) return;
  const long max = sysconf(_SC_OPEN_MAX);
  for (long fd = first; fd < (max > 0 && max < 65536 ? max : 65536); ++fd) {
    close(static_cast<int>(fd));
  }
}

// Detaches from everything of the launcher's but the channel (and stderr
// when asked).
void detach(int channel, bool keep_stderr) {
  setsid();
  for (int sig : kIgnored) signal(sig, SIG_IGN);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  prctl(PR_SET_NAME, "smc_run-seccomp", 0, 0, 0);
  if (chdir("/") != 0) {
    // Keeps the launcher's folder busy; harmless.
  }
  if (channel != kChannelFd) {
    dup2(channel, kChannelFd);
    close(channel);
  }
  const int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  for (int fd = 0; fd <= 2; ++fd) {
    if (fd == 2 && keep_stderr) continue;
    if (null >= 0) {
      dup2(null, fd);
    } else {
      close(fd);
    }
  }
  close_from(kChannelFd + 1);
}

// Whether this kernel's notifications fit the structures we know.
bool sizes_fit() {
  seccomp_notif_sizes sizes{};
  if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) != 0) return false;
  return sizes.seccomp_notif <= sizeof(seccomp_notif) &&
         sizes.seccomp_notif_resp <= sizeof(seccomp_notif_resp);
}

// `settings`: the launcher's, in this copy of its memory.
[[noreturn]] void run_supervisor(int channel, pid_t program, const Settings& settings) {
  // stderr for the -d lines and the --summary lines of its programs, kept
  // while PROGRAM keeps it (core/supervisor/stderr_hold.h).
  const bool keep_stderr = settings.debug || settings.summary;
  detach(channel, keep_stderr);
  StderrHold hold(keep_stderr ? STDERR_FILENO : -1, program);
  const int listener_fd = receive_fd(kChannelFd);
  const std::optional<SyscallAbi> abi = native_abi();
  const bool usable = listener_fd >= 0 && abi && sizes_fit();
  const char answer = usable ? kTaken : kCannot;
  if (write(kChannelFd, &answer, 1) != 1 || !usable) _exit(0);
  close(kChannelFd);
  Listener listener(listener_fd);
  listener.sync_wake_up();
  serve(listener, settings, *abi, {&::socket, &list_smc_sockets}, &hold);
  _exit(0);
}

std::string os_error(const char* what) {
  return fmt::format("{}: {}", what, std::strerror(errno));
}

}  // namespace

Result<Supervisor> start_supervisor(const Settings& settings) {
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    return system_error(os_error("cannot start the seccomp supervisor: socketpair"));
  }
  const pid_t program = getpid();  // this process becomes PROGRAM
  const pid_t middle = fork();
  if (middle < 0) {
    const Error e = system_error(os_error("cannot start the seccomp supervisor: fork"));
    close(pair[0]);
    close(pair[1]);
    return e;
  }
  if (middle == 0) {
    close(pair[0]);
    const pid_t supervisor = fork();
    if (supervisor == 0) run_supervisor(pair[1], program, settings);
    const long report = supervisor > 0 ? supervisor : -errno;
    _exit(write(pair[1], &report, sizeof report) == sizeof report ? 0 : 1);
  }
  close(pair[1]);
  int status = 0;
  while (waitpid(middle, &status, 0) < 0 && errno == EINTR) {
  }
  long report = 0;
  ssize_t n;
  do {
    n = read(pair[0], &report, sizeof report);
  } while (n < 0 && errno == EINTR);
  if (n != sizeof report || report <= 0) {
    errno = n == sizeof report ? static_cast<int>(-report) : EPIPE;
    const Error e = system_error(os_error("cannot start the seccomp supervisor"));
    close(pair[0]);
    return e;
  }
  return Supervisor{static_cast<pid_t>(report), pair[0]};
}

Result<Ok> hand_over(Supervisor& supervisor, int listener) {
  const bool sent = send_fd(supervisor.channel, listener);
  const int send_error = errno;
  close(listener);
  char answer = 0;
  ssize_t n = 0;
  if (sent) {
    do {
      n = read(supervisor.channel, &answer, 1);
    } while (n < 0 && errno == EINTR);
  }
  close(supervisor.channel);
  supervisor.channel = -1;
  if (!sent) {
    return system_error(fmt::format("cannot hand the seccomp listener to the supervisor: {}",
                                    std::strerror(send_error)));
  }
  if (n != 1) return system_error("the seccomp supervisor ended before it took its listener");
  if (answer != kTaken) {
    return system_error(
        "the seccomp supervisor cannot serve this kernel's notifications");
  }
  return Ok{};
}

void call_off(Supervisor& supervisor) {
  if (supervisor.channel >= 0) close(supervisor.channel);
  supervisor.channel = -1;
}

}  // namespace smc
