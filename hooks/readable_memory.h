// Whether the caller's memory can be read, asked of the kernel before a
// hook reads it, so that a bad pointer gets libc's answer (the kernel's
// EFAULT from the real call) instead of a SIGSEGV in our code.
//
// How: rt_sigprocmask(2) with an invalid `how` copies the 8-byte sigset
// from the pointer before it looks at `how` (kernel/signal.c,
// rt_sigprocmask: copy_from_user, then sigprocmask() returns -EINVAL), so
// it answers EFAULT for an unreadable page and EINVAL otherwise, and
// changes nothing. It is one system call, async-signal-safe, allocates
// nothing, takes no lock, needs no descriptor (a pipe would) and no
// ptrace permission (process_vm_readv on ourselves may be refused by a
// container's seccomp profile or Yama). Memory is readable page by page,
// so one probe at the start of each 4096-byte granule the range touches
// is exact (4096 is the smallest page size of every architecture we build
// for; bigger pages only make some probes redundant), and a range that
// straddles the end of a mapping is caught by the probe of its last
// granule. errno is left as it was.
#pragma once

#include <cstddef>

namespace smc {

// Every byte of [start, start + length) can be read now.
bool readable(const void* start, std::size_t length);

// The NUL-terminated string at `text` can be read, up to its NUL.
bool readable_string(const char* text);

// An exec-style environment: the pointer array up to its NULL and every
// string it points to can be read. NULL itself counts as readable (the
// hooks take it as empty, as the kernel does).
bool readable_environment(char* const* envp);

}  // namespace smc
