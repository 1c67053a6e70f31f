// smcd ueid and smcr ueid, one command: the kernel keeps one UEID table
// for SMC-D and SMC-R alike (net/smc/smc_clc.c).
//   ueid [show]      list the UEIDs
//   ueid add ID      add one (SMC v2 on x86 needs at least one)
//   ueid del ID      remove one
//   ueid flush       remove all
#pragma once

#include <span>
#include <string>

#include "core/common/result.h"

namespace smc {

// `args` follow the word "ueid"; returns what to print on success.
Result<std::string> ueid_command(std::span<const std::string> args);

}  // namespace smc
