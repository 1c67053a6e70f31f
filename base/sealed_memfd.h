// The library's home at run time, without the C++ runtime: the launcher
// makes it before exec, and the exec hooks make it again in a process that
// closed it (Python's close_fds, a daemon's closefrom) before its children
// would fail to load it.
#pragma once

#include <cstddef>

namespace smc {

enum class MemfdStep { kNone, kCreate, kWrite, kSeal, kMap };

struct MemfdResult {
  int fd;          // FD_CLOEXEC set; -1 on failure
  bool noexec_seal;  // made with MFD_NOEXEC_SEAL (Linux 6.3+)
  MemfdStep failed;  // which step failed, with errno set
};

// Creates memfd `name` holding bytes[0..size), sealed against write, grow,
// shrink and further sealing. Asks for MFD_NOEXEC_SEAL first: it works under
// every vm.memfd_noexec mode, and the loader only mmap()s the file, which the
// seal does not forbid; kernels before 6.3 reject the flag (EINVAL) and get
// a plain sealable memfd. Then checks the file can be mapped executable, as
// ld.so will. Only system calls: async-signal-safe.
MemfdResult create_sealed_memfd(const void* bytes, std::size_t size,
                                const char* name);

// Moves `fd` to the highest free descriptor below min(RLIMIT_NOFILE soft
// limit, 1024) and clears FD_CLOEXEC, so it survives exec and stays clear
// of the low numbers that scripts redirect ("exec 3>file"); 1024 keeps the
// kernel's descriptor table small where the limit is huge. Returns the new
// descriptor (`fd` is closed), or `fd` itself when no higher one is free,
// or -1 with errno set.
int move_to_high_fd(int fd);

}  // namespace smc
