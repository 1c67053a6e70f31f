#include "core/supervisor/stderr_hold.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <string>

namespace smc {

bool keeps_stderr(const StderrUsers& users) {
  return users.summaries_due ||
         (users.program_alive && users.program != ProgramStderr::kOther) ||
         users.served_has_it;
}

StderrHold::StderrHold(int fd, pid_t program, std::chrono::milliseconds interval)
    : fd_(fd), program_(program), interval_(interval) {
  struct stat st {};
  if (fstat(fd_, &st) != 0) return;
  dev_ = st.st_dev;
  ino_ = st.st_ino;
  // pidfd_open (Linux 5.3): PROGRAM's exit is seen even if its pid is
  // reused; without it, only a changed fd 2 releases the copy.
  pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, program_, 0));
  proc_mounted_ = access("/proc/self/fd", F_OK) == 0;
  held_ = true;
}

StderrHold::~StderrHold() {
  if (pidfd_ >= 0) close(pidfd_);
}

ProgramStderr StderrHold::stderr_of(long pid) const {
  // /proc/PID/fd/2 is readable for a process we could ptrace (same user,
  // dumpable); ENOENT: no fd 2, or no such process (a zombie has no fds).
  const std::string path = "/proc/" + std::to_string(pid) + "/fd/2";
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    // Without /proc nothing can be seen: not known, rather than gone
    // (else every -d and summary line would be dropped at once).
    return errno == ENOENT && proc_mounted_ ? ProgramStderr::kOther : ProgramStderr::kUnknown;
  }
  return st.st_dev == dev_ && st.st_ino == ino_ ? ProgramStderr::kSame : ProgramStderr::kOther;
}

void StderrHold::check(const std::vector<long>& served, bool summaries_due) {
  if (!due()) return;
  next_check_ = std::chrono::steady_clock::now() + interval_;
  StderrUsers users{summaries_due, true, ProgramStderr::kUnknown, false};
  if (pidfd_ >= 0) {
    pollfd p{pidfd_, POLLIN, 0};
    users.program_alive = !(poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0);
  }
  if (users.program_alive) users.program = stderr_of(program_);
  for (long pid : served) {
    if (pid != program_ && stderr_of(pid) != ProgramStderr::kOther) users.served_has_it = true;
  }
  if (!keeps_stderr(users)) release();
}

void StderrHold::release() {
  const int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null >= 0) {
    dup2(null, fd_);
    close(null);
  } else {
    close(fd_);
  }
  held_ = false;
}

}  // namespace smc
