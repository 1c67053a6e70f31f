// What the socket program must look at (struct smc_in_force, scope_maps.h),
// made from the scopes' records: the cgroup levels where scoped cgroups
// are, and whether a network namespace is scoped. A socket() outside every
// scope then asks the kernel for nothing that cannot match.
#pragma once
#include <span>

#include "core/bpf/scope_maps.h"

namespace smc::bpf {

// A cgroup whose level is unknown (SMC_LEVEL_UNKNOWN) or past the levels
// the program walks widens the range to all of them: looking too widely
// only costs lookups, too narrowly would lose a scope.
smc_in_force in_force_of(std::span<const smc_scope_record> records);

}  // namespace smc::bpf
