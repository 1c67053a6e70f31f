#include "core/supervisor/supervisor_process.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "base/settings.h"
#include "core/supervisor/seccomp.h"
#include "core/supervisor/seccomp_filter.h"

namespace smc {
namespace {

const Settings kDefaults = read_settings(nullptr);

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  return all.str();
}

// Whether `pid` is gone (or a zombie nobody reaped yet), waiting at most
// 20 s for it: the supervisor ends on its own, a little after its last
// filtered process.
bool ends(pid_t pid) {
  for (int i = 0; i < 2000; ++i) {
    const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
    const std::size_t paren = stat.rfind(')');
    if (stat.empty() || (paren != std::string::npos && stat[paren + 2] == 'Z')) {
      return true;
    }
    const timespec ten_ms{0, 10'000'000};
    nanosleep(&ten_ms, nullptr);
  }
  return false;
}

struct Report {
  long supervisor;
  int wait_errno;     // wait(-1) in the filtered process
  int socket_ok;      // its TCP socket worked
  int same_session;   // the supervisor shares its session
};

TEST_CASE("the supervisor is nobody's child in the tree, serves it, and ends after it") {
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  const pid_t program = fork();
  REQUIRE(program >= 0);
  if (program == 0) {
    close(pipe_fds[0]);
    Report r{-1, 0, 0, 0};
    Result<Supervisor> s = start_supervisor(kDefaults);
    if (!s) _exit(2);
    r.supervisor = s->pid;
    const Result<Installed> installed =
        install_filter(build_filter(*native_abi(), {false}), true);
    if (!installed || !hand_over(*s, installed->listener)) _exit(3);
    errno = 0;
    r.wait_errno = wait(nullptr) < 0 ? errno : 0;
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    r.socket_ok = fd >= 0;
    r.same_session = getsid(s->pid) == getsid(0);
    if (write(pipe_fds[1], &r, sizeof r) != sizeof r) _exit(4);
    _exit(0);
  }
  close(pipe_fds[1]);
  Report r{};
  const ssize_t n = read(pipe_fds[0], &r, sizeof r);
  close(pipe_fds[0]);
  int status = 0;
  REQUIRE(waitpid(program, &status, 0) == program);
  REQUIRE(n == sizeof r);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(r.wait_errno == ECHILD);
  CHECK(r.socket_ok == 1);
  CHECK(r.same_session == 0);
  CHECK(r.supervisor > 0);
  CHECK(ends(static_cast<pid_t>(r.supervisor)));
}

TEST_CASE("a supervisor called off before its listener ends") {
  Result<Supervisor> s = start_supervisor(kDefaults);
  REQUIRE(s);
  const pid_t pid = s->pid;
  call_off(*s);
  CHECK(ends(pid));
}

TEST_CASE("the supervisor survives the signals a group stop sends") {
  // In a child, which keeps the filter. A fatal signal dooms its target
  // within kill() itself (kernel/signal.c, complete_signal), so a
  // supervisor that did not ignore them could not take its listener.
  const pid_t program = fork();
  REQUIRE(program >= 0);
  if (program == 0) {
    Result<Supervisor> s = start_supervisor(kDefaults);
    if (!s) _exit(2);
    // Its dispositions are set before it reads the channel; a byte on the
    // channel's other end cannot tell, so wait for its new name instead.
    for (int i = 0; i < 2000; ++i) {
      if (read_text("/proc/" + std::to_string(s->pid) + "/comm") == "smc_run-seccomp\n") {
        break;
      }
      const timespec ten_ms{0, 10'000'000};
      nanosleep(&ten_ms, nullptr);
    }
    for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1}) {
      if (kill(s->pid, sig) != 0) _exit(3);
    }
    const Result<Installed> installed =
        install_filter(build_filter(*native_abi(), {false}), true);
    if (!installed || !hand_over(*s, installed->listener)) _exit(4);
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    _exit(fd >= 0 ? 0 : 5);
  }
  int status = 0;
  REQUIRE(waitpid(program, &status, 0) == program);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

// What the supervisor writes on the stderr of a program it serves, which
// makes one TCP socket with SMC_DEBUG=`env_debug` in its environment: the
// supervisor serves with `handed`.
std::string supervisor_lines(const Settings& handed, const char* env_debug) {
  int err[2];
  REQUIRE(pipe(err) == 0);
  const pid_t program = fork();
  REQUIRE(program >= 0);
  if (program == 0) {
    close(err[0]);
    dup2(err[1], STDERR_FILENO);
    close(err[1]);
    setenv("SMC_DEBUG", env_debug, 1);
    Result<Supervisor> s = start_supervisor(handed);
    if (!s) _exit(2);
    const Result<Installed> installed =
        install_filter(build_filter(*native_abi(), {false}), true);
    if (!installed || !hand_over(*s, installed->listener)) _exit(3);
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    _exit(fd >= 0 ? 0 : 4);
  }
  close(err[1]);
  std::string lines;
  char buf[512];
  // Until the supervisor, which ends after the program, lets go of it.
  for (ssize_t n; (n = read(err[0], buf, sizeof buf)) > 0;) lines.append(buf, n);
  close(err[0]);
  int status = 0;
  REQUIRE(waitpid(program, &status, 0) == program);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  return lines;
}

TEST_CASE("the supervisor serves with the settings it is handed, not the environment's") {
  Settings debug = kDefaults;
  debug.debug = true;
  const std::string told = supervisor_lines(debug, "0");
  CHECK_MESSAGE(told.find("seccomp: socket(AF_INET, SOCK_STREAM") != std::string::npos, told);
  const std::string quiet = supervisor_lines(kDefaults, "1");
  CHECK_MESSAGE(quiet.find("seccomp:") == std::string::npos, quiet);
}

}  // namespace
}  // namespace smc
