// The supervisor's copy of the stderr PROGRAM was started with, where its
// -d and summary lines go, kept only while a process it speaks for could
// still want it: PROGRAM or a process it served, alive with that same file
// on its fd 2, or one that has exited with its summary still to write. A
// program that detaches (daemon(0, 0) forks, the parent exits, the child
// puts /dev/null on 0, 1 and 2) must not leave its caller waiting on a
// pipe the supervisor alone still holds: `x=$(smc_run --summary prog 2>&1)`
// returns when PROGRAM is done. The library follows the same rule for its
// own lines (base/log_line.h). After the release, the supervisor's lines
// go to /dev/null.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <vector>

namespace smc {

// What a process has on its fd 2: our file, another (or none), or not
// known (a process we may not look into, such as a setuid one).
enum class ProgramStderr { kSame, kOther, kUnknown };

struct StderrUsers {
  bool summaries_due;  // a served process has exited, its summary unwritten
  bool program_alive;
  ProgramStderr program;
  bool served_has_it;  // a served process alive with kSame or kUnknown
};

// Whether the copy is kept. Pure.
bool keeps_stderr(const StderrUsers& users);

class StderrHold {
 public:
  // `fd` is the supervisor's copy (2 in the supervisor); `program` the
  // pid PROGRAM runs as. Holds nothing when `fd` is not open. Looks every
  // `interval` at most (a /proc lookup per served process).
  StderrHold(int fd, pid_t program,
             std::chrono::milliseconds interval = std::chrono::milliseconds(250));
  ~StderrHold();
  StderrHold(const StderrHold&) = delete;
  StderrHold& operator=(const StderrHold&) = delete;

  bool held() const { return held_; }
  // How long the serving loop may wait before the next check(): -1 when
  // nothing is held.
  int check_interval_ms() const { return held_ ? static_cast<int>(interval_.count()) : -1; }
  // Whether check() would look now.
  bool due() const { return held_ && std::chrono::steady_clock::now() >= next_check_; }
  // Releases the copy when keeps_stderr() says so, at most every
  // check_interval_ms(): `served` are the pids the supervisor still keeps,
  // `summaries_due` whether one of them has exited unsummarized.
  void check(const std::vector<long>& served, bool summaries_due);

 private:
  ProgramStderr stderr_of(long pid) const;
  void release();

  int fd_;
  pid_t program_;
  std::chrono::milliseconds interval_;
  int pidfd_ = -1;
  bool proc_mounted_ = true;  // else no process's fd 2 can be seen
  bool held_ = false;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
  std::chrono::steady_clock::time_point next_check_{};
};

}  // namespace smc
