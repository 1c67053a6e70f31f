// The smcd role, smc-tools' smcd: SMC-D as the kernel sees it (info,
// device, linkgroup, stats, seid: core/toolbox) and the User EIDs:
//   smcd ueid [show]      list the UEIDs
//   smcd ueid add ID      add one (SMC-D v2 on x86 needs at least one)
//   smcd ueid del ID      remove one
//   smcd ueid flush       remove all
// smc-tools is not packaged for Debian amd64; this lets a host set up
// SMC-D with the smc_run file alone.
#pragma once

#include <span>
#include <string>

#include "core/common/result.h"

namespace smc {

const std::string& smcd_usage();

// `args` excludes argv[0]; returns what to print on success.
Result<std::string> run_smcd(std::span<const std::string> args);

}  // namespace smc
