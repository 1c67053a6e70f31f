// Raising a numeric sysctl such as net.core.rmem_max, never lowering it.
// setsockopt(SO_RCVBUF/SO_SNDBUF) silently caps the size at rmem_max /
// wmem_max (net/core/sock.c), so a requested size above them needs them
// raised first.
#pragma once

#include <string>
#include <string_view>

#include "core/common/result.h"

namespace smc {

struct SysctlRaise {
  std::string name;  // dotted, e.g. "net.core.rmem_max"
  long before;
  long after;  // == before when nothing had to change
};

// "net.core.rmem_max" -> "net/core/rmem_max" (Documentation/admin-guide/
// sysctl: dots in names map to directories).
std::string sysctl_path(std::string_view name);

// The value of `name`, read under `proc_sys`, for smc_run -n.
Result<long> read_sysctl(const std::string& proc_sys, std::string_view name);

// Makes `name` at least `wanted`, by writing under `proc_sys` (normally
// "/proc/sys"). Fails when the value cannot be read, or must be raised and
// cannot be written (not root, read-only /proc/sys, another namespace).
Result<SysctlRaise> raise_sysctl(const std::string& proc_sys,
                                 std::string_view name, long wanted);

}  // namespace smc
