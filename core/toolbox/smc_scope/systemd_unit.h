// smc_scope enable|disable UNIT: SMC for a systemd service across its
// restarts and the host's reboots, without editing the vendor's unit file:
// a drop-in (systemd.unit(5), "UNIT.d/*.conf") whose ExecStartPre= puts
// the unit's own cgroup in a cgroup scope at each start. The control
// process runs in the unit's cgroup, so it reads the path from
// /proc/self/cgroup; the scope then covers the service's processes, and
// a restart, which removes and makes the cgroup again, keeps it
// (cgroup_mkdir.bpf.c). After a reboot the pinned state is gone and the
// next start adds the scope again (add is idempotent).
#pragma once

#include <string>
#include <string_view>

#include "core/common/result.h"

namespace smc {

// Where drop-ins that last across reboots live (systemd.unit(5)).
inline constexpr char kSystemdUnitDir[] = "/etc/systemd/system";
inline constexpr char kDropInName[] = "smc_scope.conf";

// A service name as systemd spells it ("nginx.service", "getty@tty1");
// ".service" added when it has no suffix. A usage error naming anything
// else (a path, a socket unit, characters systemd does not allow).
Result<std::string> service_name(std::string_view unit);

// The drop-in's text for an smc_run file at `executable` (an absolute
// path of characters that need no quoting in a unit file), or an error
// naming it.
Result<std::string> drop_in_text(std::string_view executable);

// Writes the drop-in for `unit` under `unit_dir` and asks a running
// systemd to reload; what was done, for stdout.
Result<std::string> enable_unit(std::string_view unit, const std::string& unit_dir);

// Removes the drop-in, asks systemd to reload, and deletes the cgroup
// scopes of the unit (by the last part of their path) where there is a
// state; what was done.
Result<std::string> disable_unit(std::string_view unit, const std::string& unit_dir);

}  // namespace smc
