// This library as the loader found it, so that children can load it too.
// The launcher hands it over as /proc/self/fd/N of a sealed memfd; a
// program may close that descriptor (Python's close_fds, a daemon's
// closefrom) or reuse the number, and a child given the old path would
// fail with "ld.so: ... cannot be preloaded". So at load we note the
// memfd's identity and map its bytes read-only (a mapping outlives the
// descriptor), and before an exec we hand over a path that still works,
// making a new memfd from the mapping when needed.
#pragma once

#include <cstddef>

namespace smc {

// Called once by the library's constructor, with the LD_PRELOAD the
// process started with: only a library named there hands itself on.
void remember_own_library(const char* preload);

// Whether remember_own_library() found us. Before that (an exec from an
// earlier library's constructor) children's environments are left alone.
bool own_library_known();

// The descriptor of the memfd children are handed (see
// entry_for_children()), or -1 when we were loaded from a plain file or the
// memfd is gone. Async-signal-safe.
int own_library_fd();

// Writes to out[0..capacity) the LD_PRELOAD entry a child should get: our
// path if it still names this library, else the path of a fresh memfd.
// Returns false, and writes nothing, when there is none to give (we were
// not loaded from a memfd or file we can find, or a new memfd failed):
// then children must not be given our entry at all. Async-signal-safe.
bool entry_for_children(char* out, std::size_t capacity, bool* recreated);

// For compose_preload(): whether an LD_PRELOAD entry is (a copy of) this
// library: named libsmc-preload.so, the loader's path for us, or a memfd
// of ours. Async-signal-safe.
bool is_our_entry(const char* entry, std::size_t length, void* unused);

}  // namespace smc
