// The environment a child gets at exec. A program may hand a child an
// environment without LD_PRELOAD (env -i, a fresh envp for execve or
// posix_spawn) or with our entry broken (its descriptor closed); the child
// would then run without SMC, or print "ld.so: ... cannot be preloaded".
// Like OpenOnload, we give such children our entry back (and the SMC_*
// settings they lost), unless SMC_INHERIT=0; a broken entry is always
// mended or, when it cannot be, removed.
#pragma once

#include <cstddef>

#include "base/preload_list.h"

namespace smc {

struct ChildNeeds {
  const char* entry;            // our working entry; nullptr: none to give
  PreloadFilter is_ours;        // recognises our entries, stale ones too
  void* context;                // for is_ours
  const char* const* carried;   // "NAME=value" settings, nullptr-ended
  bool inherit;                 // give back what the environment lost
};

// Builds, in arena[0..capacity), the environment a child should get
// instead of `envp`. Returns `envp` itself when it needs no change, and
// nullptr when the arena is too small, with *needed set to the size that
// will do. Allocates nothing; async-signal-safe.
char* const* child_environment(char* const* envp, const ChildNeeds& needs,
                               void* arena, std::size_t capacity,
                               std::size_t* needed);

}  // namespace smc
