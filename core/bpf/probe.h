// What smc_scope needs of the host and of its caller before it attaches
// anything, checked in the order a person would fix them. Each check names
// the one thing missing in one line: kNotPermitted for privileges,
// kUnsupported for the host (exit statuses 4 and 3, smc_scope.8). That the
// kernel accepts the fmod_ret program itself is only known by loading it:
// the loader reports that (loader.h).
#pragma once

#include <cstdint>
#include <string>

#include "core/bpf/kernel_btf.h"
#include "core/common/result.h"

namespace smc::bpf {

// Where systemd, and smc_scope's pinned state, expect bpffs.
inline constexpr char kBpffs[] = "/sys/fs/bpf";

// Loading a tracing program needs CAP_BPF and CAP_PERFMON, or
// CAP_SYS_ADMIN, in the initial user namespace (kernel/bpf/syscall.c,
// bpf_prog_load: bpf_token_capable(CAP_BPF), and CAP_PERFMON for
// is_perfmon_prog_type; CAP_SYS_ADMIN stands in for both). `effective` is
// the effective capability set, bit n for capability n; `initial_userns`
// whether the caller is in the initial user namespace.
Result<Ok> check_privileges(std::uint64_t effective, bool initial_userns);
// The same for this process.
Result<Ok> check_privileges();

// A BPF file system mounted at `folder`.
Result<Ok> check_bpffs(const std::string& folder = kBpffs);

// The kernel has update_socket_protocol (net/socket.c, Linux 6.6 and
// later) in its BTF, where an fmod_ret program attaches.
Result<Ok> check_hook(const KernelBtf& btf);

// socket(AF_INET, SOCK_STREAM, IPPROTO_SMC) works: the program's sockets
// get no TCP fallback, so without SMC every scoped TCP socket() would fail.
Result<Ok> check_ipproto_smc();

// What adding a scope needs, in order: privileges, bpffs, the kernel's
// BTF, the hook, IPPROTO_SMC. The BTF is returned for the loader.
Result<KernelBtf> probe_for_scopes();

}  // namespace smc::bpf
