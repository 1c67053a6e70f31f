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

// Numbers a descriptor of the library must not take (a spawn's file
// actions touch them: hooks/spawn_actions.h); nullptr avoids none.
using FdAvoid = bool (*)(int fd, const void* context);

// The one rule for where a descriptor of the library goes, for the
// launcher's memfd and the hooks' copies alike (a child keeps it for its
// whole life, so it must not take the child's room either):
//  1. the highest free number below min(RLIMIT_NOFILE soft limit, 1024),
//     clear of the low numbers scripts redirect ("exec 3>file"), as long as
//     more than kRoomKept numbers below the soft limit stay free for the
//     program (a soft limit of 1024 or more always leaves that); 1024 keeps
//     the kernel's descriptor table small where the limit is huge;
//  2. else, where the soft limit is above 1024, the lowest free number
//     from 1024 up;
//  3. else the lowest number at or above the soft limit, reached by
//     raising the soft limit for the one fcntl() where the hard limit
//     allows: a descriptor there takes none of the numbers the program may
//     open, since the limit bounds new numbers only (fs/file.c);
//  4. else none: -1 with errno EMFILE, and the caller goes without the
//     library (and says so). A program that starts under RLIMIT_NOFILE=4
//     alone must start under smc_run too.
// Numbers `avoid` names are skipped. The new descriptor is a duplicate
// (`fd` stays open), FD_CLOEXEC as `cloexec` asks. Only system calls:
// async-signal-safe. In a threaded program step 3 briefly lets another
// thread open one number above the soft limit.
inline constexpr int kRoomKept = 64;
int place_library_fd(int fd, bool cloexec, FdAvoid avoid, const void* context);

}  // namespace smc
