// posix_spawn_file_actions_addclosefrom_np() hook: a "close every
// descriptor from N up" action must spare the library's memfd.
//
// Rewritten: when the memfd children are handed (/proc/self/fd/M in their
// LD_PRELOAD) is at or above `from`, the one action becomes "close each of
// from..M-1" plus "close from M+1 up". Otherwise, and for every other
// action, passed through untouched. Why here: the actions run in the child
// after our posix_spawn hook, and their list is opaque to it; closing M
// there would leave the child with an LD_PRELOAD path ld.so cannot open
// ("cannot be preloaded"). The memfd is sealed and read-only, so a child
// that keeps it can do nothing with it that it could not already do.
//
// The list grows by at most ~1000 entries: the memfd sits below 1024
// (base/sealed_memfd.cc). A close action on a descriptor the child does
// not have is not an error (glibc's spawni ignores EBADF for those).

#include <errno.h>
#include <spawn.h>

#include "hooks/own_library.h"
#include "hooks/state.h"

extern "C" int posix_spawn_file_actions_addclosefrom_np(
    posix_spawn_file_actions_t* actions, int from) {
  smc::State scratch;
  const smc::State& state = smc::current_state(scratch);
  const int ours = smc::own_library_fd();
  if (ours < 0 || from < 0 || ours < from) {
    return state.real.addclosefrom(actions, from);
  }
  for (int fd = from; fd < ours; ++fd) {
    const int error = posix_spawn_file_actions_addclose(actions, fd);
    if (error != 0) return error;
  }
  const int error = state.real.addclosefrom(actions, ours + 1);
  // Past the descriptor limit there is nothing left to close.
  return error == EBADF ? 0 : error;
}

// Our own definition, by a name no other library defines (see real.h).
extern "C" __attribute__((visibility("hidden"),
                          alias("posix_spawn_file_actions_addclosefrom_np"),
                          copy(posix_spawn_file_actions_addclosefrom_np))) int
smc_own_posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t*,
                                                 int);
