// Which socket() calls become SMC, and which failures of an SMC socket fall
// back to the original TCP socket. Pure functions: the hook in socket.cc
// only asks these, then makes the real calls.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include "base/smc_abi.h"

namespace smc {

struct SocketCall {
  int domain;
  int type;
  int protocol;
};

// socket(2) or a stand-in: libc's own socket() for the library (not its
// hook, which would convert again), a test's fake kernel.
using MakeSocketFn = int (*)(int domain, int type, int protocol);

// The two kinds of SMC socket that can stand in for a TCP one (-f smc and
// -f inet). Not to be confused with the mechanisms (--mechanism preload,
// seccomp...), which are how a program's calls are reached at all.
enum class SmcSocketKind {
  kSmc,   // socket(AF_SMC, type, SMCPROTO_SMC or SMCPROTO_SMC6)
  kInet,  // socket(AF_INET or AF_INET6, type, IPPROTO_SMC)
};

// Whether a socket() call makes a TCP socket: the ones to convert, and to
// apply the buffer sizes to. Inline: it runs on every socket() call.
inline bool is_tcp_socket(SocketCall call) {
  const bool inet = call.domain == AF_INET || call.domain == AF_INET6;
  const bool stream = (call.type & kSockTypeMask) == SOCK_STREAM;
  const bool tcp = call.protocol == 0 || call.protocol == IPPROTO_TCP;
  return inet && stream && tcp;
}

// The SMC socket to make instead of the TCP socket `tcp`. The flags in
// `type` (SOCK_NONBLOCK, SOCK_CLOEXEC) mean the same for SMC, so the type
// is kept whole.
inline SocketCall smc_socket(SocketCall tcp, SmcSocketKind kind) {
  if (kind == SmcSocketKind::kInet) {
    return {tcp.domain, tcp.type, kIpprotoSmc};
  }
  return {kAfSmc, tcp.type,
          tcp.domain == AF_INET ? kSmcProtoSmc : kSmcProtoSmc6};
}

// What SMC_SOCK_FAMILY (or -f) asks for. The names, smc, inet and auto, are
// those of smc-tools' proposal for the same variable.
enum class Family {
  kAuto,
  kSmc,
  kInet,
};

// The kinds to try, in order, for `family`. auto prefers inet: such a
// socket keeps its INET identity, so SO_DOMAIN checks, seccomp filters and
// INET BPF hooks still see AF_INET or AF_INET6. Returns how many were
// written to `order`.
int kinds_for(Family family, SmcSocketKind order[2]);

// What an SMC socket() failure means for the call that got it.
enum class SmcFailure {
  // This kind is missing or refused here (no module, a seccomp filter):
  // remembered for the process; the next kind, or TCP, is tried.
  kMissing,
  // EINVAL: SMC refuses this very call, which may be invalid whatever the
  // protocol (type flags the kernel does not know). Not remembered; the
  // next kind, or TCP, is tried and answers for itself.
  kThisCall,
  // A failure TCP would share (EMFILE, ENOBUFS...): returned as it is.
  kShared,
};
SmcFailure classify_smc_failure(int error);

// classify_smc_failure(error) == SmcFailure::kMissing.
bool smc_unavailable(int error);

// Under SMC_STRICT, when no SMC socket could be made: the errno socket()
// fails with. The SMC error, unless the plain TCP call fails too
// (`tcp_error` != 0, 0 when it succeeds): then the call is invalid or
// impossible whatever the protocol, and gets TCP's own error, as it would
// without the library (EINVAL stays EINVAL, not EAFNOSUPPORT).
int strict_errno(int smc_error, int tcp_error);


}  // namespace smc
