// Making the SMC socket that stands in for a TCP socket() call, the one way
// both mechanisms do it: the library's socket() hook in the program, and
// the seccomp supervisor on the program's behalf (core/supervisor).
//
// The kinds SMC_SOCK_FAMILY asks for are tried in order
// (base/socket_conversion.h). A kind the kernel refuses here is
// remembered per IP version, so the kernel is probed once per process:
// each failed socket(AF_SMC) makes it try to load the module again
// (request_module in net/socket.c:__sock_create). A failure TCP would share
// (EMFILE, ENOBUFS...) ends the attempts; what the call becomes then, and
// when SMC is missing, is base/socket_ruling.h's.
//
// Then SMC_SNDBUF/SMC_RCVBUF, before the program can connect or listen:
// SMC sizes its buffers from them at that point (net/smc/smc_core.c).
//
// Async-signal-safe: system calls and relaxed atomics, no allocation.
#pragma once

#include <sys/socket.h>

#include <atomic>

#include "base/socket_conversion.h"

namespace smc {

// The kinds one conversion found refused, each with the errno it got
// (now, or remembered from an earlier call).
struct Attempts {
  SmcSocketKind kind[2];
  int error[2];
  int count;
};

// Per process (or per supervisor): [kind][IPv6] holds the errno of
// the first refused socket of that kind, 0 while none was refused.
struct RefusalMemory {
  std::atomic<int> error[2][2] = {{0, 0}, {0, 0}};
};

struct SmcAttempt {
  int fd;          // the SMC socket, or -1
  SmcSocketKind used;  // when fd >= 0
  Attempts tried;  // the kinds refused before it, or all of them
};

// Makes the SMC socket for the TCP socket() call `tcp` with `make`, its
// type OR-ed with `extra_flags` (the supervisor's own copy is
// SOCK_CLOEXEC). errno is left as the last failed call set it.
SmcAttempt make_smc_socket(SocketCall tcp, Family family, int extra_flags,
                           MakeSocketFn make, RefusalMemory& memory);

// Whether the attempts failed because SMC is missing or refused here
// (then TCP is the fallback), not for a reason TCP would share.
bool smc_missing(const Attempts& attempts);

// One of SMC_SNDBUF/SMC_RCVBUF applied to a socket.
struct AppliedBuffer {
  const char* name;  // "SO_SNDBUF"
  int bytes;         // 0: not asked for, nothing done
  int error;         // setsockopt's errno, 0 when it worked
};

// setsockopt(fd, SOL_SOCKET, option, bytes) unless `bytes` is 0. Keeps errno.
AppliedBuffer apply_buffer(int fd, int option, const char* name, int bytes);

// Both sizes, as applied to one socket.
struct AppliedBuffers {
  AppliedBuffer each[2];  // SO_SNDBUF, SO_RCVBUF
};

// SMC_SNDBUF and SMC_RCVBUF (0: not asked for) applied to `fd`. Keeps errno.
// Inline: the caller's frame holds the result, no copy.
inline AppliedBuffers apply_buffers(int fd, int sndbuf_bytes, int rcvbuf_bytes) {
  return {{apply_buffer(fd, SO_SNDBUF, "SO_SNDBUF", sndbuf_bytes),
           apply_buffer(fd, SO_RCVBUF, "SO_RCVBUF", rcvbuf_bytes)}};
}

}  // namespace smc
