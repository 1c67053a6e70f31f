// The smc_chk role: is this host ready for SMC, and would SMC really be
// used? It gathers facts (modules, sockets, devices, EIDs, sysctls, and a
// live AF_SMC connection over 127.0.0.1 judged by SMC_DIAG), then turns
// them into checks and a verdict. Gathering (gather.h, loopback.h) talks
// to the kernel; everything here is pure, so the verdict and the output
// are tested with made-up facts.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/smc_abi.h"
#include "core/common/result.h"
#include "core/kernel/smc_diag.h"
#include "core/kernel/smc_genl.h"

namespace smc {

// What is known about one kernel module (smc, smc_diag).
struct ModuleFacts {
  bool loaded = false;        // in /proc/modules before any check ran
  bool built_in = false;      // listed in /lib/modules/RELEASE/modules.builtin
  bool available = false;     // a module file under /lib/modules/RELEASE
  bool loaded_after = false;  // in /proc/modules after the checks: loaded on demand
  bool works = false;         // what it provides answered (AF_SMC, SMC_DIAG)
};

// One sysctl: a dotted name and its value, or the errno of reading it.
struct SysctlValue {
  std::string name;
  std::string value;
  int error = 0;
};

// The live test: an AF_SMC connection over 127.0.0.1 within this process,
// or (-C) to smc_chk -S on another host, which echoes what it gets.
struct LiveTest {
  bool remote = false;  // -C: only the client is ours; the server is the peer's
  std::string address = "127.0.0.1";  // where it connected, as text
  bool ran = false;    // false: not tried (AF_SMC sockets cannot be made)
  std::string error;   // why the connection or the exchange failed
  int error_number = 0;
  std::uint16_t port = 0;
  std::size_t bytes = 0;  // sent and checked in each direction
  std::optional<SmcSocket> client;  // as SMC_DIAG reported them
  std::optional<SmcSocket> server;  // nullopt for a remote test
  std::string diag_error;  // SMC_DIAG could not be read
};

inline Error not_checked() { return system_error("not checked"); }

struct Facts {
  std::string kernel_release;
  bool loadable_modules = true;  // false: a kernel without /proc/modules
  ModuleFacts smc_module;
  ModuleFacts smc_diag_module;
  int af_smc_error = 0;   // errno of socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC)
  int af_smc6_error = 0;  // ... with SMCPROTO_SMC6
  int ipproto_smc_error = 0;  // errno of socket(AF_INET, SOCK_STREAM, IPPROTO_SMC)
  Result<SmcSystemInfo> system = not_checked();
  Result<std::vector<SmcdDevice>> smcd_devices = not_checked();
  Result<std::vector<SmcrDevice>> smcr_devices = not_checked();
  std::map<std::uint32_t, std::string> netdevs;  // ifindex -> name, for ports
  Result<std::vector<std::string>> ueids = not_checked();
  Result<SmcSeid> seid = not_checked();
  int seid_error = 0;
  // Every file under /proc/sys/net/smc; an error when the folder is missing.
  Result<std::vector<SysctlValue>> smc_sysctls = not_checked();
  SysctlValue rmem_max{"net.core.rmem_max", "", 0};
  SysctlValue wmem_max{"net.core.wmem_max", "", 0};
  LiveTest live;
};

enum class CheckStatus { kOk, kWarn, kFail };
const char* status_name(CheckStatus status);  // "ok", "warn", "fail"

struct Check {
  std::string name;  // "smc module", "AF_SMC", "net.smc.wmem", ...
  CheckStatus status;
  std::string detail;  // one line
};

struct Report {
  std::vector<Check> checks;
  bool smc_used = false;  // the live connection ran on SMC-D or SMC-R
  std::string mode;       // "SMC-D", "SMC-R", "TCP" (fell back), "none" (no connection)
  std::uint32_t reason = 0;  // for "TCP": the decline code that explains it
  std::string summary;    // the verdict, one line
  bool loopback_ism = false;  // an SMC-D device that can only be loopback-ism
};

// Below this, net.core.rmem_max/wmem_max cap what a program can ask for
// with SO_RCVBUF/SO_SNDBUF (net/core/sock.c) under SMC-D's largest buffer,
// 1 MiB (SMC sizes a connection's buffers from the socket's, af_smc.c and
// smc_core.c __smc_buf_create). SMC-R's go up to 512 MiB (base/smc_abi.h),
// but a host needs no sysctl that high to be ready.
inline constexpr long kUsefulBufferMax = kSmcdBufferMax;

// The decline code (SMC_CLC_DECL_*) that best explains a fallback of this
// connection: the client's own, or the peer's behind a PEERDECL, else the
// server's; 0 when neither fell back.
std::uint32_t fallback_reason(const std::optional<SmcSocket>& client,
                              const std::optional<SmcSocket>& server);

// What a connection used, for people: "SMC-D", "SMC-R over rxe0 port 1",
// or smcss' mode text for a fallback ("TCP 0x03010000 PEERNOSMC").
std::string connection_text(const SmcSocket& socket);

// "EAFNOSUPPORT (Address family not supported by protocol)".
std::string errno_text(int error);

Report evaluate(const Facts& facts);

// The checks in columns, then "verdict: ..."; with `quiet` only the latter.
std::string render_text(const Report& report, bool quiet);
// One JSON object: the verdict, the checks, and the facts behind them.
std::string render_json(const Report& report, const Facts& facts);

struct ChkOutput {
  std::string text;
  bool smc_not_used = false;  // cmd/main.cc exits 2 then
};

// `args` excludes argv[0]. `print` writes lines as they come, for -S,
// which runs until interrupted.
Result<ChkOutput> run_smc_chk(std::span<const std::string> args,
                              const std::function<void(std::string_view)>& print);

}  // namespace smc
