// posix_spawn()/posix_spawnp() hooks: what a spawned child inherits.
//
// Rewritten: the environment, as for exec (hooks/child_env.h). Passed
// through untouched: file actions, attributes, argv and the path search.
// The parent runs this, so the child's environment lives on its stack until
// libc has started the child.

#include <spawn.h>

#include "hooks/child_launch.h"
#include "hooks/state.h"

extern "C" int posix_spawn(pid_t* pid, const char* path,
                           const posix_spawn_file_actions_t* actions,
                           const posix_spawnattr_t* attr, char* const argv[],
                           char* const envp[]) {
  const smc::ChildLaunch child(envp, "posix_spawn");
  smc::State scratch;
  return smc::current_state(scratch).real.posix_spawn(pid, path, actions, attr,
                                                      argv, child.envp());
}

extern "C" int posix_spawnp(pid_t* pid, const char* file,
                            const posix_spawn_file_actions_t* actions,
                            const posix_spawnattr_t* attr, char* const argv[],
                            char* const envp[]) {
  const smc::ChildLaunch child(envp, "posix_spawnp");
  smc::State scratch;
  return smc::current_state(scratch).real.posix_spawnp(
      pid, file, actions, attr, argv, child.envp());
}

// Our own definitions, by names no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"), alias("posix_spawn"), copy(posix_spawn))) int
smc_own_posix_spawn(pid_t*, const char*, const posix_spawn_file_actions_t*,
                    const posix_spawnattr_t*, char* const[], char* const[]);
extern "C" __attribute__((visibility("hidden"), alias("posix_spawnp"), copy(posix_spawnp))) int
smc_own_posix_spawnp(pid_t*, const char*, const posix_spawn_file_actions_t*,
                     const posix_spawnattr_t*, char* const[], char* const[]);
