#include "hooks/socket_policy.h"

#include <errno.h>

namespace smc {

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
