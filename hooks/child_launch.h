// What every exec-family hook does before handing over to libc: work out
// the environment the child gets (hooks/child_env.h), on the stack, or in
// an anonymous mapping for very large environments. No heap, no locks:
// these calls may run in a child after fork() in a threaded program.
#pragma once

#include <cstddef>

namespace smc {

class ChildLaunch {
 public:
  // `what` names the call for -d lines, e.g. "execve".
  ChildLaunch(char* const* envp, const char* what);
  ~ChildLaunch();  // keeps errno
  ChildLaunch(const ChildLaunch&) = delete;
  ChildLaunch& operator=(const ChildLaunch&) = delete;

  // The environment to pass on: `envp` itself when nothing changes.
  char* const* envp() const { return envp_; }
  bool changed() const { return changed_; }

 private:
  char* const* envp_;
  bool changed_ = false;
  void* mapped_ = nullptr;
  std::size_t mapped_size_ = 0;
  alignas(8) char arena_[4096];
};

}  // namespace smc
