// What every call that starts a child (the exec family, execveat,
// fexecve, posix_spawn, posix_spawnp, system, popen) does before handing
// over to libc: pick the library entry the child can load
// (hooks/library_carrier.h, hooks/own_library.h) and work out the
// environment the child gets (hooks/child_env.h), on the stack, or in an
// anonymous mapping for very large environments. No heap, no locks: these
// calls may run in a child after fork() in a threaded program.
#pragma once

#include <cstddef>

#include "base/sealed_memfd.h"

namespace smc {

class ChildLaunch {
 public:
  // `what` names the call for -d lines, e.g. "execve". `avoid` and
  // `context`: the numbers a spawn's file actions touch (nullptr: none).
  ChildLaunch(char* const* envp, const char* what, FdAvoid avoid = nullptr,
              const void* context = nullptr);
  // Keeps errno. Closes a descriptor made for this child alone: by then
  // the call has started the child (posix_spawn, popen and system return
  // after its exec) or failed.
  ~ChildLaunch();
  ChildLaunch(const ChildLaunch&) = delete;
  ChildLaunch& operator=(const ChildLaunch&) = delete;

  // The environment to pass on: `envp` itself when nothing changes.
  char* const* envp() const { return envp_; }
  bool changed() const { return changed_; }

 private:
  char* const* envp_;
  bool changed_ = false;
  int temporary_fd_ = -1;
  void* mapped_ = nullptr;
  std::size_t mapped_size_ = 0;
  alignas(8) char arena_[4096];
};

}  // namespace smc
