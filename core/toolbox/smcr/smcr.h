// The smcr role, smc-tools' smcr: SMC-R as the kernel sees it.
//   smcr [OPTIONS] info | device | linkgroup | stats | ueid [COMMAND]
// smc-tools is not packaged for Debian amd64; this gives a host with SMC-R
// (RoCE, or Soft-RoCE) its tools with the smc_run file alone.
#pragma once

#include <span>
#include <string>

#include "core/common/result.h"

namespace smc {

// The smcr -h text; core/toolbox/smcr/smcr.8 follows it.
const std::string& smcr_usage();

// `args` excludes argv[0]; returns what to print on success.
Result<std::string> run_smcr(std::span<const std::string> args);

}  // namespace smc
