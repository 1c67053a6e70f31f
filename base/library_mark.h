// What the preload library and smc_run's seccomp supervisor agree on when
// both serve one process (smc_run as root with --mechanism auto, or a
// dynamic program under --mechanism seccomp that also has the library).
//
// The supervisor's filter (core/seccomp_filter) sends every TCP socket()
// call of the tree to the supervisor. The library's own TCP sockets (its
// fallback where SMC is missing, the replacement of an SMC socket the
// connection filter excludes) must not go there: the supervisor would probe
// for SMC a second time, or turn the replacement back into SMC. So, while
// smc_run's supervisor serves the process, the library marks them
// (hooks/library_socket.h) with kLibraryMark in the upper 32 bits of
// socket()'s `type`, and the filter lets marked calls through. The kernel
// never sees the mark: socket() takes an int, and the system call wrappers
// cast each register to its declared type (include/linux/syscalls.h,
// __SC_CAST), while seccomp_data.args holds whole registers.
#pragma once

#include <cstdint>

namespace smc {

inline constexpr std::uint32_t kLibraryMark = 0x534d4321;  // "SMC!"

// The variable smc_run sets for PROGRAM when its supervisor serves it: the
// supervisor's pid. The library marks its sockets only when it is set and
// the process is under a seccomp filter; a nested smc_run relies on that
// supervisor instead of starting another (the kernel allows one listener
// per filter chain).
inline constexpr char kSupervisorVariable[] = "SMC_SECCOMP_SUPERVISOR";

// The proof that a process is served by the supervisor the variable names,
// since the environment alone proves nothing (it may be stale, inherited by
// a process under some unrelated seccomp filter). The filter smc_run
// installs for supervisor P answers socket(-1, kProofMark << 32 | k, 0)
// itself, without the supervisor, with an errno (SECCOMP_RET_ERRNO):
// kProofMagic for k 0, and 1 + the k-th 11-bit chunk of P for k 1 and 2
// (pids stay below 2^22, PID_MAX_LIMIT in include/linux/threads.h; errno
// values are at most 4095, MAX_ERRNO). Without that filter the kernel sees
// socket(-1, k, 0), which makes nothing and fails with EAFNOSUPPORT.
// A filter is inherited and cannot be removed, so the answer proves that
// this process's filter chain holds the filter whose listener P was given.
inline constexpr std::uint32_t kProofMark = 0x534d4350;  // "SMCP"
inline constexpr int kProofMagic = 4000;  // no errno the kernel uses
inline constexpr int kProofChunkBits = 11;
inline constexpr int kProofCalls = 3;

// The errno the filter for supervisor `pid` answers to proof call `k`.
constexpr int proof_answer(long pid, int k) {
  return k == 0 ? kProofMagic
                : 1 + static_cast<int>((pid >> (kProofChunkBits * (k - 1))) &
                                       ((1 << kProofChunkBits) - 1));
}

}  // namespace smc
