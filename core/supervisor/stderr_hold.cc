#include "core/supervisor/stderr_hold.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <string>

namespace smc {

bool keeps_stderr(bool program_alive, ProgramStderr program_stderr) {
  return program_alive && program_stderr != ProgramStderr::kOther;
}

StderrHold::StderrHold(int fd, pid_t program) : fd_(fd), program_(program) {
  struct stat st {};
  if (fstat(fd_, &st) != 0) return;
  dev_ = st.st_dev;
  ino_ = st.st_ino;
  // pidfd_open (Linux 5.3): PROGRAM's exit is seen even if its pid is
  // reused; without it, only a changed fd 2 releases the copy.
  pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, program_, 0));
  held_ = true;
}

StderrHold::~StderrHold() {
  if (pidfd_ >= 0) close(pidfd_);
}

ProgramStderr StderrHold::program_stderr() const {
  // /proc/PID/fd/2 is readable for a process we could ptrace (same user,
  // dumpable); a setuid PROGRAM stays kUnknown.
  const std::string path = "/proc/" + std::to_string(program_) + "/fd/2";
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    return errno == ENOENT ? ProgramStderr::kOther : ProgramStderr::kUnknown;
  }
  return st.st_dev == dev_ && st.st_ino == ino_ ? ProgramStderr::kSame : ProgramStderr::kOther;
}

void StderrHold::check() {
  if (!held_) return;
  bool alive = true;
  if (pidfd_ >= 0) {
    pollfd p{pidfd_, POLLIN, 0};
    alive = !(poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0);
  }
  if (keeps_stderr(alive, alive ? program_stderr() : ProgramStderr::kUnknown)) return;
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
