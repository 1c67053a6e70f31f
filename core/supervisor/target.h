// What the supervisor reads about the task behind a notification, from
// /proc (by the pid the kernel reports, in the supervisor's own pid
// namespace). Task ids are reused once a task is gone, so anything read
// here counts only once Listener::still_waiting() confirms, afterwards,
// that the task is still blocked in its call.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>

namespace smc {

struct TargetName {
  // The program's name as the library's lines give it (glibc's and musl's
  // program_invocation_short_name: argv[0] after its last '/'), else its
  // comm, for -d lines and summaries.
  char name[64];
  long pid;  // its process id (Tgid), as the library's lines show
};

// Falls back to "?" and `tid` where /proc cannot say, and to comm where
// argv[0] (the caller's memory) cannot be read within kReadBound.
TargetName read_target_name(pid_t tid);

// The name in a /proc/PID/cmdline text of `length` bytes: argv[0] after
// its last '/', cut to fit `out` (NUL-ended); false when there is none.
bool name_from_cmdline(const char* cmdline, std::size_t length, char* out,
                       std::size_t capacity);

enum class NetNs { kSame, kOther, kUnknown };

// Whether task `tid` is in the network namespace whose inode is `ours`
// (/proc/self/ns/net at start). kUnknown when it cannot be read (a task of
// another user that is not dumpable, no /proc).
NetNs compare_net_ns(pid_t tid, ino_t ours);

// The inode of this process's network namespace, 0 when unknown.
ino_t own_net_ns();

// Copies `length` bytes at `address` in task `tid` into `out`
// (process_vm_readv: the same permission as ptrace). False, with errno,
// when it cannot; ETIMEDOUT when the memory did not answer within
// kReadBound (core/supervisor/bounded_read.h). The one way the supervisor
// reads a caller's memory: every such read is bounded.
bool read_target_memory(pid_t tid, std::uint64_t address, void* out,
                        std::size_t length);

// A descriptor of ours for the file behind `fd` in task `tid`, which may
// be any thread of its process (pidfd_getfd, Linux 5.6+), close-on-exec;
// -1 with errno when it cannot.
int copy_target_fd(pid_t tid, int fd);

// Whether `fd` in task `tid` is close-on-exec (/proc/TID/fdinfo/FD), false
// when unknown.
bool target_fd_cloexec(pid_t tid, int fd);

}  // namespace smc
