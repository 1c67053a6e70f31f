// The preload library's home at run time: a sealed memfd that PROGRAM's
// dynamic loader opens as /proc/self/fd/N. Nothing touches the disk, and
// the seals guarantee the bytes are the ones we embedded.
#pragma once

#include <span>

#include "core/result/result.h"

namespace smc {

struct SealedMemfd {
  int fd;            // FD_CLOEXEC set; see keep_across_exec()
  bool noexec_seal;  // created with MFD_NOEXEC_SEAL (Linux 6.3+)
};

// Creates memfd `name` holding `bytes`, sealed against write, grow, shrink
// and further sealing. Asks for MFD_NOEXEC_SEAL first: it works under every
// vm.memfd_noexec mode (2 refuses memfds without it), and the loader only
// mmap()s the file, which the seal does not forbid. Kernels before 6.3
// reject the flag with EINVAL and get a plain sealable memfd.
// Then verifies the file can be mapped executable, as ld.so will.
Result<SealedMemfd> make_sealed_memfd(std::span<const unsigned char> bytes,
                                      const char* name);

// Moves `fd` to the highest free descriptor below min(RLIMIT_NOFILE soft
// limit, 1024) and clears FD_CLOEXEC, so it survives exec and stays clear
// of the low numbers that scripts redirect ("exec 3>file"). 1024 keeps the
// kernel's descriptor table small where the limit is huge. Returns the new
// descriptor; `fd` is closed.
Result<int> keep_across_exec(int fd);

}  // namespace smc
