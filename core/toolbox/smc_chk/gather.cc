#include "core/toolbox/smc_chk/gather.h"

#include <dirent.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "base/smc_abi.h"
#include "core/kernel/ueid.h"
#include "core/toolbox/smc_chk/loopback.h"
#include "core/toolbox/smc_chk/remote.h"

namespace smc {
namespace {

// The live test's limit: a handshake takes milliseconds on real hardware
// and about a second in the project's emulated test guests.
constexpr std::chrono::milliseconds kLoopbackLimit{10000};

// Errors that say this process, not SMC, is in trouble.
bool own_trouble(int error) {
  return error == EMFILE || error == ENFILE || error == ENOMEM || error == ENOBUFS;
}

// A whole small file (/proc, /sys, /lib/modules), or the errno.
int read_file(const std::string& path, std::string& content) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  content.clear();
  char buffer[4096];
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      close(fd);
      return error;
    }
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  return 0;
}

bool exists(const std::string& path) {
  struct stat st{};
  return stat(path.c_str(), &st) == 0;
}

// errno of socket(family, SOCK_STREAM, protocol), 0 when it worked.
int try_socket(int family, int protocol) {
  const int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, protocol);
  if (fd < 0) return errno;
  close(fd);
  return 0;
}

// The loaded modules; nullopt for a kernel built without module support
// (CONFIG_MODULES=n), which has no /proc/modules.
Result<std::optional<std::vector<std::string>>> loaded_modules() {
  std::string content;
  const int error = read_file("/proc/modules", content);
  if (error == ENOENT && exists("/proc/self/stat")) {
    return std::optional<std::vector<std::string>>();
  }
  if (error == ENOENT) return system_error("/proc is not mounted");
  if (error != 0) {
    return system_error(fmt::format("cannot read /proc/modules: {}", std::strerror(error)));
  }
  return std::optional(module_names(content));
}

ModuleFacts module_facts(const std::vector<std::string>& loaded, const std::string& name,
                         const std::string& release, const std::string& builtin) {
  ModuleFacts m;
  m.loaded = std::find(loaded.begin(), loaded.end(), name) != loaded.end();
  m.built_in = listed_as_built_in(builtin, name);
  const std::string base = fmt::format("/lib/modules/{}/kernel/net/smc/{}.ko", release, name);
  for (const char* suffix : {"", ".xz", ".zst", ".gz"}) {
    m.available = m.available || exists(base + suffix);
  }
  return m;
}

Result<std::vector<SysctlValue>> smc_sysctls() {
  const std::string folder = "/proc/sys/net/smc";
  DIR* dir = opendir(folder.c_str());
  if (dir == nullptr) {
    const int error = errno;
    if (error == ENOENT) {
      return system_error(fmt::format(
          "{} is missing: the smc module is not loaded, or predates these sysctls", folder));
    }
    return system_error(fmt::format("cannot read {}: {}", folder, std::strerror(error)));
  }
  std::vector<std::string> names;
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') names.emplace_back(entry->d_name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  std::vector<SysctlValue> values;
  for (const std::string& name : names) {
    SysctlValue v{"net.smc." + name, "", 0};
    std::string content;
    v.error = read_file(folder + "/" + name, content);
    if (v.error == 0) v.value = sysctl_line(content);
    values.push_back(v);
  }
  return values;
}

SysctlValue core_sysctl(const std::string& name) {
  SysctlValue v{"net.core." + name, "", 0};
  std::string content;
  v.error = read_file("/proc/sys/net/core/" + name, content);
  if (v.error == 0) v.value = sysctl_line(content);
  return v;
}

}  // namespace

std::vector<std::string> module_names(std::string_view proc_modules) {
  std::vector<std::string> names;
  while (!proc_modules.empty()) {
    const std::size_t eol = proc_modules.find('\n');
    const std::string_view line = proc_modules.substr(0, eol);
    const std::string_view name = line.substr(0, line.find(' '));
    if (!name.empty()) names.emplace_back(name);
    if (eol == std::string_view::npos) break;
    proc_modules.remove_prefix(eol + 1);
  }
  return names;
}

bool listed_as_built_in(std::string_view modules_builtin, std::string_view module) {
  const std::string wanted = fmt::format("/{}.ko", module);
  while (!modules_builtin.empty()) {
    const std::size_t eol = modules_builtin.find('\n');
    const std::string_view line = modules_builtin.substr(0, eol);
    if (line.ends_with(wanted) || line == wanted.substr(1)) return true;
    if (eol == std::string_view::npos) break;
    modules_builtin.remove_prefix(eol + 1);
  }
  return false;
}

std::string sysctl_line(std::string_view content) {
  std::string line(content);
  std::replace(line.begin(), line.end(), '\t', ' ');
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

Result<Facts> gather_facts(const SmcChkOptions& options) {
  Facts f;
  utsname uts{};
  if (uname(&uts) == 0) f.kernel_release = uts.release;

  // Before anything below can load a module on demand.
  const auto before = loaded_modules();
  if (!before) return before.error();
  f.loadable_modules = before->has_value();
  const std::vector<std::string> loaded = before->value_or(std::vector<std::string>());
  std::string builtin;
  (void)read_file(fmt::format("/lib/modules/{}/modules.builtin", f.kernel_release), builtin);
  f.smc_module = module_facts(loaded, "smc", f.kernel_release, builtin);
  f.smc_diag_module = module_facts(loaded, "smc_diag", f.kernel_release, builtin);

  f.af_smc_error = try_socket(kAfSmc, kSmcProtoSmc);
  f.af_smc6_error = try_socket(kAfSmc, kSmcProtoSmc6);
  f.ipproto_smc_error = try_socket(AF_INET, kIpprotoSmc);
  for (const int error : {f.af_smc_error, f.af_smc6_error, f.ipproto_smc_error}) {
    if (own_trouble(error)) {
      return system_error(fmt::format("cannot make sockets: {}", std::strerror(error)));
    }
  }
  f.smc_module.works = f.af_smc_error == 0;
  f.smc_diag_module.works = list_smc_sockets().ok();

  int error = 0;
  f.system = smc_system_info(&error);
  if (own_trouble(error)) return f.system.error();
  f.smcd_devices = list_smcd_devices();
  f.smcr_devices = list_smcr_devices();
  if (f.smcr_devices) {
    for (const SmcrDevice& d : *f.smcr_devices) {
      for (const SmcrPort& p : d.ports) {
        char name[IF_NAMESIZE] = {};
        if (p.netdev_index != 0 && if_indextoname(p.netdev_index, name) != nullptr) {
          f.netdevs[p.netdev_index] = name;
        }
      }
    }
  }
  f.ueids = list_ueids();
  f.seid = smc_seid(&f.seid_error);

  f.smc_sysctls = smc_sysctls();
  f.rmem_max = core_sysctl("rmem_max");
  f.wmem_max = core_sysctl("wmem_max");

  if (options.mode == ChkMode::kClient) {
    f.live.remote = true;
    f.live.address = options.peer;
    f.live.port = options.port;
  }
  if (f.af_smc_error == 0) {
    f.live = options.mode == ChkMode::kClient
                 ? run_remote_test(options.peer_address, options.peer, kLoopbackLimit)
                 : run_loopback_test(kLoopbackLimit);
    if (own_trouble(f.live.error_number)) {
      return system_error(fmt::format("cannot run the live test: {}", f.live.error));
    }
  } else {
    f.live.error = "AF_SMC sockets cannot be made";
  }

  const auto after = loaded_modules();
  if (!after) return after.error();
  const std::vector<std::string> loaded_now = after->value_or(std::vector<std::string>());
  const auto now_loaded = [&](const char* name) {
    return std::find(loaded_now.begin(), loaded_now.end(), name) != loaded_now.end();
  };
  f.smc_module.loaded_after = !f.smc_module.loaded && now_loaded("smc");
  f.smc_diag_module.loaded_after = !f.smc_diag_module.loaded && now_loaded("smc_diag");
  return f;
}

}  // namespace smc
