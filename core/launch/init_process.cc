#include "core/launch/init_process.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

namespace smc {
namespace {

// How long pid 1 lets the supervisor finish after PROGRAM has ended: it
// ends right after its last process, so this is only reached while other
// processes of the tree (daemons) still live.
constexpr timespec kSummaryGrace{1, 0};

timespec left_until(const timespec& deadline) {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  long ns = (deadline.tv_sec - now.tv_sec) * 1'000'000'000L + (deadline.tv_nsec - now.tv_nsec);
  if (ns < 0) ns = 0;
  return {ns / 1'000'000'000L, ns % 1'000'000'000L};
}

// Reaps every ended child; sets *status once `program` is among them.
// False when no child is left at all.
bool reap(pid_t program, int* status, bool* ended) {
  for (;;) {
    int s = 0;
    const pid_t pid = waitpid(-1, &s, WNOHANG);
    if (pid == program) {
      *status = s;
      *ended = true;
    }
    if (pid > 0) continue;
    return !(pid < 0 && errno == ECHILD);
  }
}

[[noreturn]] void be_init(pid_t program, bool summaries, const sigset_t& all) {
  int status = 0;
  bool ended = false;
  timespec deadline{};
  for (;;) {
    siginfo_t info{};
    int sig;
    if (!ended) {
      sig = sigwaitinfo(&all, &info);
    } else {
      const timespec left = left_until(deadline);
      sig = sigtimedwait(&all, &info, &left);
    }
    if (sig == SIGCHLD || (sig < 0 && errno == EAGAIN) || ended) {
      const bool was_ended = ended;
      const bool children_left = reap(program, &status, &ended);
      if (ended && !was_ended) {
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += kSummaryGrace.tv_sec;
      }
      const timespec left = left_until(deadline);
      if (ended && (!summaries || !children_left || (left.tv_sec == 0 && left.tv_nsec == 0))) {
        _exit(init_exit_code(status));
      }
      continue;
    }
    // PROGRAM's, as if sent to it; but what a terminal sends its whole
    // foreground group (SI_KERNEL: ^C, window changes) PROGRAM has had too.
    if (sig > 0 && info.si_code != SI_KERNEL) kill(program, sig);
  }
}

}  // namespace

int init_exit_code(int wait_status) {
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 125;
}

Result<Ok> stay_init_for_program(bool summaries) {
  // Blocked before the fork, so that no signal falls between.
  sigset_t all;
  sigset_t before;
  sigfillset(&all);
  sigprocmask(SIG_SETMASK, &all, &before);
  const pid_t program = fork();
  if (program < 0) {
    const int error = errno;
    sigprocmask(SIG_SETMASK, &before, nullptr);
    return system_error(
        fmt::format("cannot fork PROGRAM's process under pid 1: {}", std::strerror(error)));
  }
  if (program == 0) {
    sigprocmask(SIG_SETMASK, &before, nullptr);
    return Ok{};
  }
  be_init(program, summaries, all);
}

}  // namespace smc
