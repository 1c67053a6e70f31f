#include "base/socket_conversion.h"

#include <errno.h>

namespace smc {

int mechanisms_for(Family family, Mechanism order[2]) {
  switch (family) {
    case Family::kSmc:
      order[0] = Mechanism::kSmc;
      return 1;
    case Family::kInet:
      order[0] = Mechanism::kInet;
      return 1;
    case Family::kAuto:
      break;
  }
  order[0] = Mechanism::kInet;
  order[1] = Mechanism::kSmc;
  return 2;
}

bool smc_unavailable(int error) {
  switch (error) {
    case EAFNOSUPPORT:     // no AF_SMC in this kernel (smc.ko absent)
    // No SMCPROTO_SMC6 (kernels before IPv6 SMC), or no IPPROTO_SMC
    // (before 6.11: inet_create() finds no such stream protocol).
    case EPROTONOSUPPORT:
    case ESOCKTNOSUPPORT:
    case EPERM:   // AF_SMC refused by a seccomp filter or an LSM
    case EACCES:  // (containers often allow only the common families)
      return true;
    default:
      return false;
  }
}

}  // namespace smc
