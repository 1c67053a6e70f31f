// This library as the loader found it, so that children can load it too.
// The launcher hands it over as /proc/self/fd/N of a sealed memfd; with
// plain LD_PRELOAD=PATH it is a file. Either may stop being handed on
// safely: a program may close the descriptor (Python's close_fds, a
// daemon's closefrom), put another file on its number, mark it
// close-on-exec, or spawn with file actions on it; a relative PATH means
// another file once the program changes folder, and the file may be
// replaced. So at load we note the library's identity, make its path
// absolute, and map its bytes read-only (a mapping outlives the
// descriptor and the file), and before each exec or spawn we hand over an
// entry that works, by hooks/library_carrier.h's rule.
#pragma once

#include <cstddef>

#include "base/sealed_memfd.h"
#include "hooks/library_carrier.h"

namespace smc {

// Called once by the library's constructor, with the LD_PRELOAD the
// process started with (the loader's: the last one): only a library named
// there hands itself on.
void remember_own_library(const char* preload);

// Whether remember_own_library() found us. Before that (an exec from an
// earlier library's constructor) children's environments are left alone.
bool own_library_known();

// The absolute path of the file we were loaded from; nullptr for a memfd.
const char* own_library_path();

// The descriptor of the memfd children are handed, or -1 when we were
// loaded from a plain file or the memfd is gone. Async-signal-safe.
int own_library_fd();

// What one child is handed.
struct LibraryEntry {
  const char* path;   // the LD_PRELOAD entry; nullptr: none, see `why`
  Carrier carrier;    // how it was come by, for -d lines
  int fd;             // the descriptor the entry names, or -1 (a path)
  bool temporary;     // `fd` was made for this child alone: close it once
                      // the call has started the child or failed
  const char* why;    // with kNone: why the child runs without the library
  char buffer[32];    // holds "/proc/self/fd/N"
};

// Fills `out` by choose_carrier(), making what it asks for: a duplicate
// or a new memfd, on a number (base/sealed_memfd.h's rule) that `avoid`
// (a spawn's file actions) leaves alone. Async-signal-safe: only system
// calls, no allocation.
void entry_for_child(FdAvoid avoid, const void* context, LibraryEntry* out);

// For compose_preload(): whether an LD_PRELOAD entry is (a copy of) this
// library: named libsmc-preload.so, the loader's name or absolute path for
// us, or a memfd of ours. Async-signal-safe.
bool is_our_entry(const char* entry, std::size_t length, void* unused);

}  // namespace smc
