// The supervisor's copy of the stderr PROGRAM was started with, where its
// -d and summary lines go, kept only while PROGRAM still lives with that
// same file on its fd 2. A program that detaches (daemon(0, 0) forks,
// the parent exits, the child puts /dev/null on 0, 1 and 2) or ends must
// not leave its caller waiting on a pipe the supervisor alone still holds:
// `x=$(smc_run --summary prog 2>&1)` returns when PROGRAM is done. The
// library follows the same rule for its own lines (base/log_line.h).
// After the release, the supervisor's lines go to /dev/null.
#pragma once

#include <sys/types.h>

namespace smc {

// Whether the copy is kept: PROGRAM alive, and its fd 2 the same file as
// ours or not known (a process we may not look into). Pure.
enum class ProgramStderr { kSame, kOther, kUnknown };
bool keeps_stderr(bool program_alive, ProgramStderr program_stderr);

class StderrHold {
 public:
  // `fd` is the supervisor's copy (2 in the supervisor); `program` the
  // pid PROGRAM runs as. Holds nothing when `fd` is not open.
  StderrHold(int fd, pid_t program);
  ~StderrHold();
  StderrHold(const StderrHold&) = delete;
  StderrHold& operator=(const StderrHold&) = delete;

  bool held() const { return held_; }
  // How long the serving loop may wait before the next check(): -1 when
  // nothing is held.
  int check_interval_ms() const { return held_ ? kCheckIntervalMs : -1; }
  // Looks at PROGRAM and releases the copy when it is no longer wanted.
  void check();

 private:
  static constexpr int kCheckIntervalMs = 250;
  ProgramStderr program_stderr() const;

  int fd_;
  pid_t program_;
  int pidfd_ = -1;
  bool held_ = false;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
};

}  // namespace smc
