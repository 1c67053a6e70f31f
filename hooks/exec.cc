// exec*() and execveat() hooks: what a child inherits.
//
// Rewritten: the environment, when our LD_PRELOAD entry is missing (a
// fresh envp, env -i) or would not load in the child (the library's
// descriptor was closed, reused or marked close-on-exec: a descriptor that
// works takes its place, hooks/library_carrier.h): see hooks/child_env.h.
// Passed through untouched: everything else, including argv, execveat's
// folder, path and flags, and the search for `file` (execvp, execlp:
// libc's execvpe does it, from PATH as usual; a file the kernel refuses
// with ENOEXEC goes to /bin/sh there as without us).
// Why all of them: glibc's execv, execvp and execl* call execve and
// execvpe internally, where no preload can see them.
//
// Async-signal-safe like execve: no allocation, no locks.

#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

#include "hooks/child_launch.h"
#include "hooks/state.h"

extern "C" char** environ;

namespace smc {
namespace {

RealCalls real() {
  State scratch;
  return current_state(scratch).real;
}

// How many arguments an execl-family call has after arg0, up to the NULL;
// `args` itself is left for the caller.
std::size_t count_args(va_list args) {
  va_list counting;
  va_copy(counting, args);
  std::size_t count = 0;
  while (va_arg(counting, char*) != nullptr) ++count;
  va_end(counting);
  return count;
}

// Fills argv[0..count + 1] (arg0, the arguments, the NULL) from `args`;
// for execle, returns the envp that follows the NULL. The caller may only
// va_end() its `args` afterwards.
char* const* fill_args(const char* arg0, va_list args, char** argv,
                       std::size_t count, bool envp_follows) {
  argv[0] = const_cast<char*>(arg0);
  for (std::size_t i = 1; i <= count + 1; ++i) argv[i] = va_arg(args, char*);
  return envp_follows ? va_arg(args, char* const*) : nullptr;
}

// Room on the caller's stack for an execl-family argv (alloca must run in
// the frame that uses the memory, so this is a macro).
#define SMC_ARGV(count) \
  static_cast<char**>(__builtin_alloca(((count) + 2) * sizeof(char*)))

}  // namespace
}  // namespace smc

extern "C" int execve(const char* path, char* const argv[], char* const envp[]) {
  const smc::ChildLaunch child(envp, "execve");
  return smc::real().execve(path, argv, child.envp());
}

extern "C" int execv(const char* path, char* const argv[]) {
  const smc::ChildLaunch child(environ, "execv");
  return smc::real().execve(path, argv, child.envp());
}

extern "C" int execvpe(const char* file, char* const argv[],
                       char* const envp[]) {
  const smc::ChildLaunch child(envp, "execvpe");
  return smc::real().execvpe(file, argv, child.envp());
}

extern "C" int execvp(const char* file, char* const argv[]) {
  const smc::ChildLaunch child(environ, "execvp");
  return smc::real().execvpe(file, argv, child.envp());
}

extern "C" int fexecve(int fd, char* const argv[], char* const envp[]) {
  const smc::ChildLaunch child(envp, "fexecve");
  return smc::real().fexecve(fd, argv, child.envp());
}

extern "C" int execveat(int dirfd, const char* path, char* const argv[],
                        char* const envp[], int flags) {
  const smc::ChildLaunch child(envp, "execveat");
  return smc::real().execveat(dirfd, path, argv, child.envp(), flags);
}

extern "C" int execl(const char* path, const char* arg0, ...) {
  va_list args;
  va_start(args, arg0);
  const std::size_t count = smc::count_args(args);
  char** argv = SMC_ARGV(count);
  smc::fill_args(arg0, args, argv, count, false);
  va_end(args);
  const smc::ChildLaunch child(environ, "execl");
  return smc::real().execve(path, argv, child.envp());
}

extern "C" int execlp(const char* file, const char* arg0, ...) {
  va_list args;
  va_start(args, arg0);
  const std::size_t count = smc::count_args(args);
  char** argv = SMC_ARGV(count);
  smc::fill_args(arg0, args, argv, count, false);
  va_end(args);
  const smc::ChildLaunch child(environ, "execlp");
  return smc::real().execvpe(file, argv, child.envp());
}

extern "C" int execle(const char* path, const char* arg0, ...) {
  va_list args;
  va_start(args, arg0);
  const std::size_t count = smc::count_args(args);
  char** argv = SMC_ARGV(count);
  char* const* envp = smc::fill_args(arg0, args, argv, count, true);
  va_end(args);
  const smc::ChildLaunch child(envp, "execle");
  return smc::real().execve(path, argv, child.envp());
}

// Our own definitions, by names no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("execve"), copy(execve))) int
smc_own_execve(const char*, char* const[], char* const[]);
extern "C" __attribute__((visibility("hidden"), alias("execvpe"), copy(execvpe))) int
smc_own_execvpe(const char*, char* const[], char* const[]);
extern "C" __attribute__((visibility("hidden"), alias("fexecve"), copy(fexecve))) int
smc_own_fexecve(int, char* const[], char* const[]);
extern "C" __attribute__((visibility("hidden"), alias("execveat"), copy(execveat))) int
smc_own_execveat(int, const char*, char* const[], char* const[], int);
