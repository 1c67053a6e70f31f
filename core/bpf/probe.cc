#include "core/bpf/probe.h"

#include <linux/btf.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "base/smc_abi.h"
#include "core/common/fd.h"
#include "core/common/quote.h"

namespace smc::bpf {
namespace {

// include/linux/proc_ns.h: the initial user namespace's inode number.
constexpr ino_t kInitialUserNamespace = 0xEFFFFFFDU;

bool has(std::uint64_t set, int capability) { return (set >> capability) & 1; }

}  // namespace

Result<Ok> check_privileges(std::uint64_t effective, bool initial_userns) {
  if (!initial_userns) {
    return permission_error(
        "smc_scope runs in a user namespace of its own: the kernel takes CAP_BPF, "
        "CAP_PERFMON and CAP_SYS_ADMIN for BPF tracing programs only in the initial one");
  }
  if (has(effective, CAP_SYS_ADMIN)) return Ok{};
  const bool bpf = has(effective, CAP_BPF);
  const bool perfmon = has(effective, CAP_PERFMON);
  if (bpf && perfmon) return Ok{};
  const char* missing = !bpf && !perfmon ? "CAP_BPF and CAP_PERFMON" : !bpf ? "CAP_BPF" : "CAP_PERFMON";
  return permission_error(fmt::format(
      "missing {}: loading BPF tracing programs needs CAP_BPF and CAP_PERFMON, or "
      "CAP_SYS_ADMIN (run it as root)",
      missing));
}

Result<Ok> check_privileges() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
  if (syscall(SYS_capget, &header, data) != 0) {
    return system_error(fmt::format("capget: {}", std::strerror(errno)));
  }
  const std::uint64_t effective =
      (std::uint64_t{data[1].effective} << 32) | data[0].effective;
  struct stat ns{};
  const bool initial = stat("/proc/self/ns/user", &ns) != 0 || ns.st_ino == kInitialUserNamespace;
  return check_privileges(effective, initial);
}

Result<Ok> check_bpffs(const std::string& folder) {
  struct statfs fs{};
  if (statfs(folder.c_str(), &fs) != 0 || fs.f_type != BPF_FS_MAGIC) {
    return unsupported_error(fmt::format(
        "no BPF file system is mounted at {} (mount -t bpf bpf {})", quote_value(folder),
        folder));
  }
  return Ok{};
}

Result<Ok> check_hook(const KernelBtf& btf) {
  if (btf.find(BTF_KIND_FUNC, "update_socket_protocol") == 0) {
    return unsupported_error(
        "this kernel has no update_socket_protocol for the BPF program to attach to "
        "(Linux 6.6 and later have it)");
  }
  return Ok{};
}

Result<Ok> check_ipproto_smc() {
  const Fd s(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, kIpprotoSmc));
  if (s.get() < 0) {
    return unsupported_error(fmt::format(
        "IPPROTO_SMC sockets cannot be made here: {} (no smc module, or a kernel before "
        "6.11); the BPF program gives no TCP fallback, so scoped programs' TCP sockets "
        "would fail",
        std::strerror(errno)));
  }
  return Ok{};
}

Result<KernelBtf> probe_for_scopes() {
  if (Result<Ok> r = check_privileges(); !r) return r.error();
  if (Result<Ok> r = check_bpffs(); !r) return r.error();
  Result<KernelBtf> btf = read_kernel_btf();
  if (!btf) return btf.error();
  if (Result<Ok> r = check_hook(*btf); !r) return r.error();
  if (Result<Ok> r = check_ipproto_smc(); !r) return r.error();
  return btf;
}

}  // namespace smc::bpf
