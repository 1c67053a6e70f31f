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

}  // namespace smc
