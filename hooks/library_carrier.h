// The one rule for "can this descriptor carry our library into this
// child", for every call that starts one (the exec family, execveat,
// fexecve, posix_spawn, posix_spawnp, system, popen). A child's loader
// opens /proc/self/fd/N, in the child, after the call: N must still hold
// our library (the program may have closed it or put another file there),
// survive the exec (no FD_CLOEXEC, which GLib's close_range(3, ~0U,
// CLOSE_RANGE_CLOEXEC) sets on every descriptor), and be left alone by the
// spawn's file actions (an addopen, adddup2, addclose, addclosefrom or
// addfchdir on N would run in the child after our hook chose the entry:
// hooks/spawn_actions.h). Otherwise the child gets a descriptor that does,
// made where one can be, or runs without the library and -d says why. A
// child is never handed an entry it cannot load. Pure: hooks/own_library
// gathers the facts and carries the choice out.
#pragma once

namespace smc {

struct CarrierFacts {
  bool memfd_ours;   // the memfd children are handed still holds our library
  bool survives;     // ... and has no FD_CLOEXEC
  bool untouched;    // ... and no file action of this spawn touches its number
  bool file_intact;  // loaded from a file, whose absolute path still names it
  bool can_copy;     // our bytes are mapped, so a new sealed memfd can be made
};

enum class Carrier {
  kDescriptor,  // /proc/self/fd/N of the memfd, as it is
  kDuplicate,   // a duplicate of the memfd, for this child alone, on a number
                // that survives the exec and that the actions leave alone
  kPath,        // the file's absolute path, as it is
  kFreshCopy,   // a new sealed memfd from our mapped bytes, kept for later
                // children too, on such a number
  kNone,        // nothing: the child runs without the library
};

Carrier choose_carrier(const CarrierFacts& facts);

}  // namespace smc
