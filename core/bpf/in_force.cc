#include "core/bpf/in_force.h"

#include <algorithm>
#include <cstdint>

namespace smc::bpf {

smc_in_force in_force_of(std::span<const smc_scope_record> records) {
  smc_in_force f{};
  bool cgroups = false;
  for (const smc_scope_record& r : records) {
    if (r.kind == SMC_SCOPE_NETNS) f.netns = 1;
    if (r.kind != SMC_SCOPE_CGROUP) continue;
    const bool known = r.level < SMC_CGROUP_LEVELS;
    const std::uint32_t first = known ? r.level : 0;
    const std::uint32_t end = known ? r.level + 1 : SMC_CGROUP_LEVELS;
    f.cgroup_first = cgroups ? std::min(f.cgroup_first, first) : first;
    f.cgroup_end = cgroups ? std::max(f.cgroup_end, end) : end;
    cgroups = true;
  }
  return f;
}

}  // namespace smc::bpf
