// posix_spawn()/posix_spawnp() hooks: what a spawned child inherits.
//
// Rewritten: the environment, as for exec (hooks/child_env.h), with a
// library descriptor the file actions leave alone (hooks/spawn_actions.h,
// hooks/library_carrier.h). Passed through untouched: file actions,
// attributes, argv and the path search. The parent runs this, so the
// child's environment, and a descriptor made for it alone, live until libc
// has started the child.
// An environment the kernel could not read is passed on unread, so the
// child's exec fails with EFAULT as without us (hooks/child_launch.cc).
// The file actions are read as libc itself reads them: a bad pointer
// there crashes libc's own posix_spawn too.

#include <spawn.h>

#include "hooks/child_launch.h"
#include "hooks/spawn_actions.h"
#include "hooks/state.h"

namespace smc {
namespace {

// Both calls: the same environment work, then libc's `which`.
int spawn(SpawnFn RealCalls::*which, const char* what, pid_t* pid,
          const char* file, const posix_spawn_file_actions_t* actions,
          const posix_spawnattr_t* attr, char* const argv[],
          char* const envp[]) {
  const ChildLaunch child(envp, what, actions_touch, actions);
  State scratch;
  return (current_state(scratch).real.*which)(pid, file, actions, attr, argv,
                                              child.envp());
}

}  // namespace
}  // namespace smc

extern "C" int posix_spawn(pid_t* pid, const char* path,
                           const posix_spawn_file_actions_t* actions,
                           const posix_spawnattr_t* attr, char* const argv[],
                           char* const envp[]) {
  return smc::spawn(&smc::RealCalls::posix_spawn, "posix_spawn", pid, path,
                    actions, attr, argv, envp);
}

extern "C" int posix_spawnp(pid_t* pid, const char* file,
                            const posix_spawn_file_actions_t* actions,
                            const posix_spawnattr_t* attr, char* const argv[],
                            char* const envp[]) {
  return smc::spawn(&smc::RealCalls::posix_spawnp, "posix_spawnp", pid, file,
                    actions, attr, argv, envp);
}

// Our own definitions, by names no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("posix_spawn"), copy(posix_spawn))) int
smc_own_posix_spawn(pid_t*, const char*, const posix_spawn_file_actions_t*,
                    const posix_spawnattr_t*, char* const[], char* const[]);
extern "C" __attribute__((visibility("hidden"), alias("posix_spawnp"), copy(posix_spawnp))) int
smc_own_posix_spawnp(pid_t*, const char*, const posix_spawn_file_actions_t*,
                     const posix_spawnattr_t*, char* const[], char* const[]);
