// The preload library's home at run time: a sealed memfd that PROGRAM's
// dynamic loader opens as /proc/self/fd/N. Nothing touches the disk, and
// the seals guarantee the bytes are the ones we embedded. The work is
// base/sealed_memfd's (shared with the exec hooks); this adds messages.
#pragma once

#include <optional>
#include <span>

#include "core/common/result.h"

namespace smc {

struct SealedMemfd {
  int fd;            // FD_CLOEXEC set; see keep_across_exec(). -1 when no
                     // descriptor is left for it (EMFILE): no error, the
                     // program goes without the library

  bool noexec_seal;  // created with MFD_NOEXEC_SEAL (Linux 6.3+)
};

// See base/sealed_memfd.h, create_sealed_memfd().
Result<SealedMemfd> make_sealed_memfd(std::span<const unsigned char> bytes,
                                      const char* name);

// The memfd on the number base/sealed_memfd.h's place_library_fd() picks,
// without FD_CLOEXEC so that it survives exec (`fd` is closed). nullopt
// when the descriptor limit leaves no number for it beside the program's
// own: then PROGRAM goes without the library.
Result<std::optional<int>> keep_across_exec(int fd);

}  // namespace smc
