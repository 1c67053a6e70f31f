#include "hooks/socket_policy.h"

#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace smc {

SocketDecision decide_socket(SocketCall call) {
  const bool inet = call.domain == AF_INET || call.domain == AF_INET6;
  const bool stream = (call.type & kSockTypeMask) == SOCK_STREAM;
  const bool tcp = call.protocol == 0 || call.protocol == IPPROTO_TCP;
  if (!inet || !stream || !tcp) return {false, call};
  // The flags in `type` (SOCK_NONBLOCK, SOCK_CLOEXEC) mean the same for
  // AF_SMC, so the type is kept whole.
  const int protocol = call.domain == AF_INET ? kSmcProtoSmc : kSmcProtoSmc6;
  return {true, {kAfSmc, call.type, protocol}};
}

bool falls_back_to_tcp(int error, bool strict) {
  if (strict) return false;
  switch (error) {
    case EAFNOSUPPORT:     // no AF_SMC in this kernel (smc.ko absent)
    case EPROTONOSUPPORT:  // no SMCPROTO_SMC6 (kernels before IPv6 SMC)
    case ESOCKTNOSUPPORT:
    case EPERM:   // AF_SMC refused by a seccomp filter or an LSM
    case EACCES:  // (containers often allow only the common families)
      return true;
    default:
      return false;
  }
}

}  // namespace smc
