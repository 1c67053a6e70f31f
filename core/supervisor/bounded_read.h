// Reads that may wait on another process, done on threads of their own and
// waited for a bounded time, so that one caller whose memory does not
// answer delays no other caller's call by more than that bound.
//
// A read of a caller's memory (process_vm_readv, or /proc/PID/cmdline,
// which the kernel reads from the caller's memory too) waits as long as
// the page takes to come: a userfaultfd page its program fills late or
// never, a FUSE-backed mapping, a page being swapped in. Such a wait
// cannot be cancelled (the kernel waits killably: mm/userfaultfd.c,
// handle_userfault; only the supervisor's own end kills it), so the read
// runs on a reader thread, and the supervisor waits for it at most
// kReadBound; after that it goes on without what it wanted to read and
// the reader finishes, or stays blocked, on its own.
//
// Reads of a thread whose earlier read is still overdue fail at once, and
// at most kMaxReaders readers exist: a caller that blocks on purpose costs
// the others kReadBound once per blocked thread, at most kMaxReaders times,
// and then nothing.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <functional>

namespace smc {

// Long next to a read that is answered at once (microseconds, or a page
// in from a disk: milliseconds), short next to what a person notices.
inline constexpr std::chrono::milliseconds kReadBound{250};

// Reader threads that may exist at once (each may be blocked for good).
inline constexpr int kMaxReaders = 8;

// Runs `read` on a reader thread with a buffer of `capacity` bytes for
// caller task `tid`; `read` returns how many bytes it put there, or -1
// with errno. Waits `bound` at most. Its result, the bytes copied to
// `out`; else -1 with errno: ETIMEDOUT when the read did not end in time
// (or an earlier one of `tid` still has not), EAGAIN when no reader can
// be had.
ssize_t bounded_read(pid_t tid, const std::function<ssize_t(char* buffer)>& read, void* out,
                     std::size_t capacity, std::chrono::milliseconds bound = kReadBound);

}  // namespace smc
