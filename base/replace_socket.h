// Turning an SMC socket the connection filter excludes into a plain TCP
// socket, in place: the program keeps its descriptor number, and the new
// socket gets what the program already did to the old one, before any data
// moves.
//
// Carried over: the socket options a program sets before connect() or
// listen() (SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP and, for IPv6, IPPROTO_IPV6:
// see kOptions in replace_socket.cc), but only those whose value differs
// from a fresh socket of the old kind. Copying a default would change its
// meaning: SO_SNDBUF/SO_RCVBUF set by hand turn off TCP's buffer autotuning,
// and an SMC socket's default sizes are not TCP's. Buffer sizes are halved
// on the way, as the kernel doubles what it is given. Also carried: the file
// status flags (O_NONBLOCK, O_ASYNC with its owner and signal), FD_CLOEXEC,
// and the local address when the old socket was bound (the new one is bound
// to it again once the old one is gone).
//
// Not carried, and not visible to us: epoll or select registrations of the
// old socket (programs register after connect or listen), other descriptors
// of the same socket (dup, fork: they keep the old one, and a bound address
// they hold makes the rebind fail with EADDRINUSE), socket filters (BPF).
//
// No allocation, no locks; system calls only, all async-signal-safe.
#pragma once

#include "base/smc_abi.h"
#include "base/socket_conversion.h"  // MakeSocketFn

namespace smc {

enum class StreamKind { kOther, kTcp, kSmc };

// What `fd` is: an SMC socket (AF_SMC, or AF_INET/AF_INET6 with
// IPPROTO_SMC), a TCP socket, or anything else (not a socket, UDP, MPTCP,
// UNIX...). Keeps errno.
StreamKind stream_kind(int fd);

struct Replacement {
  int error;          // 0 on success, else the errno of the failed step
  const char* step;   // the failed call, for messages ("socket", "bind"...)
  bool replaced;      // fd holds the new socket (also when a later step,
                      // the rebind, failed: it is then a TCP socket unbound)
  bool rebound;       // the old socket's local address was taken over
  int copied;         // socket options carried over
  int failed;         // options the new socket refused
  const char* first_failed;  // the name of the first, e.g. "TCP_CONGESTION"
};

// Replaces the SMC or TCP stream socket on `fd` by a new TCP socket of the
// same address family (AF_INET for AF_SMC/SMCPROTO_SMC, AF_INET6 for
// SMCPROTO_SMC6; an INET socket's own family otherwise). `make_socket`
// makes the sockets (libc's socket(), not a hook that would convert them).
// A socket that is connected or listening is left alone (EISCONN): data
// may have moved. On an error before the new socket is in place, `fd` is
// left as it was. Keeps errno.
Replacement replace_with_tcp(int fd, MakeSocketFn make_socket);

}  // namespace smc
