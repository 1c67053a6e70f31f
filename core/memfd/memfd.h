// The preload library's home at run time: a sealed memfd that PROGRAM's
// dynamic loader opens as /proc/self/fd/N. Nothing touches the disk, and
// the seals guarantee the bytes are the ones we embedded. The work is
// base/sealed_memfd's (shared with the exec hooks); this adds messages.
#pragma once

#include <span>

#include "core/result/result.h"

namespace smc {

struct SealedMemfd {
  int fd;            // FD_CLOEXEC set; see keep_across_exec()
  bool noexec_seal;  // created with MFD_NOEXEC_SEAL (Linux 6.3+)
};

// See base/sealed_memfd.h, create_sealed_memfd().
Result<SealedMemfd> make_sealed_memfd(std::span<const unsigned char> bytes,
                                      const char* name);

// See base/sealed_memfd.h, move_to_high_fd().
Result<int> keep_across_exec(int fd);

}  // namespace smc
