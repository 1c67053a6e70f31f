// The TCP sockets the library itself decides on, made so that smc_run's
// seccomp filter lets them through to the kernel.
//
// Under smc_run as root, the seccomp supervisor is a net under the
// library: its filter (core/seccomp_filter) sends every TCP socket() call
// of the tree to the supervisor. The library's own TCP sockets (its
// fallback where SMC is missing, the replacement of an excluded SMC
// socket) must not go there: the supervisor would probe for SMC a second
// time, or turn the replacement back into SMC. So, when smc_run's
// supervisor serves this process, they carry a mark the filter
// recognises: kLibraryMark in the upper 32 bits of socket()'s `type`. The
// kernel never sees it: socket() takes an int, and the system call
// wrappers cast each register to its declared type (include/linux/
// syscalls.h, __SC_CAST), while seccomp_data.args holds whole registers.
// Otherwise (no supervisor, or one that is not smc_run's) they are made by
// `plain`, libc's socket(), as before.
//
// Async-signal-safe, no allocation, errno as socket() leaves it.
#pragma once

#include <cstdint>

namespace smc {

inline constexpr std::uint32_t kLibraryMark = 0x534d4321;  // "SMC!"

// The variable smc_run sets for PROGRAM when its supervisor serves it.
inline constexpr char kSupervisorVariable[] = "SMC_SECCOMP_SUPERVISOR";

using PlainSocketFn = int (*)(int domain, int type, int protocol);

int library_socket(PlainSocketFn plain, int domain, int type, int protocol);

}  // namespace smc
