// For the tests that load smc_run's BPF programs into this host's kernel
// (they run as root, outside Bazel's sandbox): a private mount namespace
// for their own bpffs and cgroup2 mounts, the programs attached with fresh
// maps, and processes that do one step when told.
#pragma once

#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/bpf/bpf_syscall.h"
#include "core/bpf/kernel_btf.h"
#include "core/bpf/loader.h"
#include "core/bpf/pinned_state.h"
#include "core/common/fd.h"

namespace smc::bpf::testing {

// This test process's own mounts from now on: what it mounts goes when it
// ends (a bpffs with its pins, and with them the programs attached).
inline void private_mounts() {
  static bool done = false;
  if (done) return;
  REQUIRE(unshare(CLONE_NEWNS) == 0);
  REQUIRE(mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0);
  done = true;
}

// A file system of `type` mounted on `dir` (made) while this lives.
class Mount {
 public:
  Mount(const std::string& type, std::string dir) : dir_(std::move(dir)) {
    private_mounts();
    mkdir(dir_.c_str(), 0700);
    REQUIRE(mount(type.c_str(), dir_.c_str(), type.c_str(), 0, nullptr) == 0);
  }
  ~Mount() { umount2(dir_.c_str(), MNT_DETACH); }
  Mount(const Mount&) = delete;
  Mount& operator=(const Mount&) = delete;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// Fresh maps with the kernel's facts written, and the named programs
// attached to them (their links held here).
struct Attached {
  KernelBtf btf;
  std::vector<Fd> maps;
  std::vector<Fd> links;

  int map(std::string_view name) const { return maps[*map_index(name)].get(); }
};

inline Attached attach(const std::vector<std::string>& programs) {
  Result<KernelBtf> btf = read_kernel_btf();
  REQUIRE(btf.ok());
  Result<std::vector<Fd>> maps = make_maps();
  REQUIRE(maps.ok());
  Attached a{std::move(*btf), std::move(*maps), {}};
  const Result<Ok> facts = write_kernel_facts(a.map("kernel_facts"), a.btf);
  REQUIRE_MESSAGE(facts.ok(), (facts.ok() ? "" : facts.error().message));
  for (const std::string& name : programs) {
    for (const ProgramSpec& p : program_specs()) {
      if (p.name != name) continue;
      Result<Fd> link = load_and_attach(p, a.maps, a.btf);
      REQUIRE_MESSAGE(link.ok(), (link.ok() ? "" : link.error().message));
      a.links.push_back(std::move(*link));
    }
  }
  REQUIRE(a.links.size() == programs.size());
  return a;
}

// A state on `a`'s maps (their descriptors duplicated), pinned nowhere:
// for the scopes' tests, which need the maps and the programs but not
// the socket program, which this host cannot load.
inline PinnedState state_on(const Attached& a) {
  std::vector<Fd> maps;
  for (const Fd& m : a.maps) maps.emplace_back(dup(m.get()));
  return PinnedState("", Fd(), std::move(maps), false);
}

// Until `done()` (10 s at most: the kernel's work queues and reaping take
// a moment); whether it came true. A wait, not a measure.
inline bool eventually(const std::function<bool()>& done) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// A child process that runs `step` once each time it is told to, and
// reports a number back after each; it exits when its pipe closes.
class Stepper {
 public:
  explicit Stepper(std::function<long(int)> step) {
    int down[2], up[2];
    REQUIRE(pipe(down) == 0);
    REQUIRE(pipe(up) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      // Only its own pipes: another Stepper's write end held here would
      // keep that one from ever seeing its pipe close.
      for (int fd = 3; fd < 1024; ++fd) {
        if (fd != down[0] && fd != up[1]) close(fd);
      }
      char c;
      int n = 0;
      while (read(down[0], &c, 1) == 1) {
        const long answer = step(n++);
        if (write(up[1], &answer, sizeof(answer)) != sizeof(answer)) break;
      }
      _exit(0);
    }
    close(down[0]);
    close(up[1]);
    tell_.reset(down[1]);
    hear_.reset(up[0]);
  }
  ~Stepper() {
    tell_.reset(-1);
    waitpid(pid_, nullptr, 0);
  }
  Stepper(const Stepper&) = delete;
  Stepper& operator=(const Stepper&) = delete;

  pid_t pid() const { return pid_; }
  // Runs the next step in the child; its answer.
  long step() {
    const char c = 's';
    REQUIRE(write(tell_.get(), &c, 1) == 1);
    long answer = -1;
    REQUIRE(read(hear_.get(), &answer, sizeof(answer)) == sizeof(answer));
    return answer;
  }
  // Ends the child and waits for it.
  void end() {
    tell_.reset(-1);
    waitpid(pid_, nullptr, 0);
  }

 private:
  pid_t pid_;
  Fd tell_;
  Fd hear_;
};

}  // namespace smc::bpf::testing
