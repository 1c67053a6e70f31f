// What a posix_spawn's file actions do to descriptor numbers, so that the
// library's descriptor in the child is one they leave alone
// (hooks/library_carrier.h). The actions run in the child after our
// posix_spawn hook chose its LD_PRELOAD: one that opens a file onto the
// library's number, dup2()s a pipe onto it, closes it, or fchdir()s to it
// would make the loader load that file, block reading the pipe, or fail.
// The list itself is opaque (glibc and musl keep it differently), so the
// add functions are hooked (one file: hooks/spawn_actions.cc) and record
// the numbers each object's actions touch, in a fixed table: no
// allocation, no locks.
#pragma once

#include <spawn.h>

namespace smc {

// Whether the file actions `actions` (nullptr: none) touch number `fd`:
// open, dup2 to or from, close (alone or from a number up, but for the
// library's own number, which closefrom spares) or fchdir. Objects the
// table had no room for are answered for all together, as if each touched
// every number any of them touched. The shape of FdAvoid
// (base/sealed_memfd.h), with `actions` as its context.
bool actions_touch(int fd, const void* actions);

}  // namespace smc
