// The smc_scope role: scopes in which the kernel itself makes TCP sockets
// SMC (core/bpf), added, deleted, listed and cleared from the command
// line, for hosts, systemd units and Kubernetes nodes that want SMC
// without a prefix on each program.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/bpf/scope_commands.h"
#include "core/common/result.h"

namespace smc {

// One scope as a list line shows what it is: "4242 'python3' (2
// processes)", "'/sys/fs/cgroup/pods' and below (cgroup 8812)"...
std::string scope_description(const bpf::Scope& scope);

// list's three forms.
std::string format_scope_table(const bpf::Listing& listing);
std::string format_scope_json(const bpf::Listing& listing);
std::string format_scope_prometheus(const bpf::Listing& listing);

// `args` excludes argv[0]; returns what to print.
Result<std::string> run_smc_scope(std::span<const std::string> args);

}  // namespace smc
