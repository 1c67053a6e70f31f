// Which socket() calls become SMC, and which failures of an SMC socket fall
// back to the original TCP socket. Pure functions: the hook in socket.cc
// only asks these, then makes the real calls.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

namespace smc {

// From include/linux/socket.h and include/uapi/linux/smc.h; libc headers may
// not have them.
inline constexpr int kAfSmc = 43;
inline constexpr int kSmcProtoSmc = 0;   // SMC over IPv4
inline constexpr int kSmcProtoSmc6 = 1;  // SMC over IPv6
// include/linux/net.h: the low bits of `type` are the type, the rest are
// flags such as SOCK_NONBLOCK and SOCK_CLOEXEC.
inline constexpr int kSockTypeMask = 0xf;

struct SocketCall {
  int domain;
  int type;
  int protocol;
};

struct SocketDecision {
  bool convert;     // a TCP socket: try SMC, and apply the buffer sizes
  SocketCall smc;   // the call to make when convert is true
};

// Inline: it runs on every socket() call of the program.
inline SocketDecision decide_socket(SocketCall call) {
  const bool inet = call.domain == AF_INET || call.domain == AF_INET6;
  const bool stream = (call.type & kSockTypeMask) == SOCK_STREAM;
  const bool tcp = call.protocol == 0 || call.protocol == IPPROTO_TCP;
  if (!inet || !stream || !tcp) return {false, call};
  // The flags in `type` (SOCK_NONBLOCK, SOCK_CLOEXEC) mean the same for
  // AF_SMC, so the type is kept whole.
  const int protocol = call.domain == AF_INET ? kSmcProtoSmc : kSmcProtoSmc6;
  return {true, {kAfSmc, call.type, protocol}};
}

// Whether an SMC socket that failed with `error` should be replaced by the
// original TCP socket: only when SMC itself is missing or refused here, and
// never in strict mode. Resource errors (EMFILE, ENOBUFS...) would fail TCP
// too and are returned as they are.
bool falls_back_to_tcp(int error, bool strict);

}  // namespace smc
