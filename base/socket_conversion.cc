#include "base/socket_conversion.h"

#include <errno.h>

namespace smc {

int kinds_for(Family family, SmcSocketKind order[2]) {
  switch (family) {
    case Family::kSmc:
      order[0] = SmcSocketKind::kSmc;
      return 1;
    case Family::kInet:
      order[0] = SmcSocketKind::kInet;
      return 1;
    case Family::kAuto:
      break;
  }
  order[0] = SmcSocketKind::kInet;
  order[1] = SmcSocketKind::kSmc;
  return 2;
}

SmcFailure classify_smc_failure(int error) {
  switch (error) {
    case EAFNOSUPPORT:     // no AF_SMC in this kernel (smc.ko absent)
    // No SMCPROTO_SMC6 (kernels before IPv6 SMC), or no IPPROTO_SMC
    // (before 6.11: inet_create() finds no such stream protocol).
    case EPROTONOSUPPORT:
    case ESOCKTNOSUPPORT:
    case EPERM:   // AF_SMC refused by a seccomp filter or an LSM
    case EACCES:  // (containers often allow only the common families)
      return SmcFailure::kMissing;
    // __sys_socket() refuses unknown type flags before it looks at the
    // family (net/socket.c), so TCP would too; SMC may also refuse
    // something TCP takes. TCP's own call tells which.
    case EINVAL:
      return SmcFailure::kThisCall;
    default:
      return SmcFailure::kShared;
  }
}

bool smc_unavailable(int error) {
  return classify_smc_failure(error) == SmcFailure::kMissing;
}

int strict_errno(int smc_error, int tcp_error) {
  return tcp_error != 0 ? tcp_error : smc_error;
}

}  // namespace smc
