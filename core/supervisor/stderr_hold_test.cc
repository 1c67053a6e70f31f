#include "core/supervisor/stderr_hold.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

namespace smc {
namespace {

TEST_CASE("stderr is kept while a process it speaks for may still want it") {
  using P = ProgramStderr;
  struct Row {
    StderrUsers users;
    bool kept;
  };
  const Row rows[] = {
      {{false, true, P::kSame, false}, true},
      {{false, true, P::kUnknown, false}, true},  // a setuid program: no look inside
      {{false, true, P::kOther, false}, false},   // detached: /dev/null on its fd 2
      {{false, false, P::kUnknown, false}, false},
      {{true, false, P::kOther, false}, true},   // a summary still to write
      {{false, false, P::kOther, true}, true},   // a served child still has it
      {{false, true, P::kOther, true}, true},
  };
  for (const Row& r : rows) {
    CAPTURE(static_cast<int>(r.users.program));
    CAPTURE(r.users.summaries_due);
    CAPTURE(r.users.served_has_it);
    CHECK(keeps_stderr(r.users) == r.kept);
  }
}

bool is_dev_null(int fd) {
  struct stat a {}, b {};
  return fstat(fd, &a) == 0 && stat("/dev/null", &b) == 0 && a.st_rdev == b.st_rdev &&
         S_ISCHR(a.st_mode);
}

struct Pipes {
  int out[2], control[2], ack[2];
  Pipes() {
    REQUIRE(pipe(out) == 0);
    REQUIRE(pipe(control) == 0);
    REQUIRE(pipe(ack) == 0);
  }
  void wait_ack() const {
    char byte;
    REQUIRE(read(ack[0], &byte, 1) == 1);
  }
  void step() const {
    const char byte = 's';
    REQUIRE(write(control[1], &byte, 1) == 1);
  }
};

// A "program" whose fd 2 is the write end of `p.out`; each byte on
// `p.control` makes it take the next step: first /dev/null on fd 2, then
// exit (so does the end of `p.control`). It acknowledges each step on
// `p.ack`.
pid_t start_program(const Pipes& p) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  close(p.control[1]);
  close(p.ack[0]);
  close(p.out[0]);
  dup2(p.out[1], 2);
  char byte = 'r';
  if (write(p.ack[1], &byte, 1) != 1) _exit(1);
  if (read(p.control[0], &byte, 1) != 1) _exit(0);
  const int null = open("/dev/null", O_WRONLY);
  dup2(null, 2);
  if (write(p.ack[1], &byte, 1) != 1) _exit(1);
  if (read(p.control[0], &byte, 1) != 1) _exit(0);
  _exit(0);
}

TEST_CASE("stderr hold lets go once the program puts another file on its fd 2") {
  const Pipes p;
  const pid_t program = start_program(p);
  p.wait_ack();
  const int copy = dup(p.out[1]);
  StderrHold hold(copy, program, std::chrono::milliseconds(0));
  hold.check({}, false);
  CHECK(hold.held());
  CHECK(hold.check_interval_ms() >= 0);
  CHECK_FALSE(is_dev_null(copy));
  p.step();
  p.wait_ack();
  hold.check({}, false);
  CHECK_FALSE(hold.held());
  CHECK(hold.check_interval_ms() == -1);
  CHECK(is_dev_null(copy));
  p.step();
  waitpid(program, nullptr, 0);
  close(copy);
}

TEST_CASE("stderr hold lets go once the program has exited") {
  const Pipes p;
  const pid_t program = start_program(p);
  p.wait_ack();
  const int copy = dup(p.out[1]);
  StderrHold hold(copy, program, std::chrono::milliseconds(0));
  close(p.control[1]);  // the program reads EOF and exits
  waitpid(program, nullptr, 0);
  hold.check({}, false);
  CHECK_FALSE(hold.held());
  CHECK(is_dev_null(copy));
  close(copy);
}

TEST_CASE("stderr hold keeps the copy while a served child has it or a summary is due") {
  const Pipes p;
  const pid_t program = start_program(p);
  p.wait_ack();
  const int copy = dup(p.out[1]);
  StderrHold hold(copy, program, std::chrono::milliseconds(0));
  close(p.control[1]);
  waitpid(program, nullptr, 0);
  const Pipes q;  // started after the program's end: it holds none of p's
  const pid_t child = start_program(q);
  q.wait_ack();
  hold.check({program}, true);
  CHECK(hold.held());
  // The "child" writes to another pipe: not ours, so no reason to keep it.
  hold.check({program, child}, false);
  CHECK_FALSE(hold.held());
  close(q.control[1]);
  waitpid(child, nullptr, 0);
  close(copy);
}

TEST_CASE("stderr hold holds nothing for a descriptor that is not open") {
  StderrHold hold(-1, getpid());
  CHECK_FALSE(hold.held());
  hold.check({}, false);
  CHECK(hold.check_interval_ms() == -1);
}

}  // namespace
}  // namespace smc
