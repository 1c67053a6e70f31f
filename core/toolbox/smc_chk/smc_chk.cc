#include "core/toolbox/smc_chk/smc_chk.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "base/decline.h"
#include "base/smc_abi.h"
#include "core/common/version.h"
#include "core/toolbox/json.h"
#include "core/toolbox/smc_chk/command_line.h"
#include "core/toolbox/smc_chk/gather.h"
#include "core/toolbox/smc_chk/server.h"
#include "core/toolbox/socket_json.h"

namespace smc {
namespace {

constexpr char kAddUeid[] = "smc_run --role smcd ueid add ID";

Check ok(std::string name, std::string detail) {
  return {std::move(name), CheckStatus::kOk, std::move(detail)};
}
Check warn(std::string name, std::string detail) {
  return {std::move(name), CheckStatus::kWarn, std::move(detail)};
}
Check fail(std::string name, std::string detail) {
  return {std::move(name), CheckStatus::kFail, std::move(detail)};
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

// The check of one module; `provides` names what it gives ("AF_SMC").
Check module_check(const std::string& module, const std::string& provides,
                   const ModuleFacts& m, const Facts& f) {
  const std::string name = module + " module";
  if (m.loaded) return ok(name, "loaded");
  if (m.built_in) return ok(name, "built into the kernel");
  if (m.loaded_after) {
    return ok(name, fmt::format("loaded on demand by this check ({} asked for it)",
                                provides));
  }
  if (m.works) {
    return ok(name, fmt::format("built into the kernel ({} works, no module loaded)",
                                provides));
  }
  if (!f.loadable_modules) {
    return fail(name, "not built into this kernel, which loads no modules (it has no "
                      "/proc/modules)");
  }
  if (m.available) {
    return fail(name, fmt::format("not loaded (load it: modprobe {})", module));
  }
  return fail(name, fmt::format(
                        "not loaded, and there is none under /lib/modules/{} "
                        "(a kernel without it, or a container: check the host)",
                        f.kernel_release));
}

Check af_smc_check(const Facts& f) {
  const std::string name = "AF_SMC";
  if (f.af_smc_error != 0) {
    return fail(name, fmt::format("socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC): {}",
                                  errno_text(f.af_smc_error)));
  }
  if (f.af_smc6_error != 0) {
    return warn(name, fmt::format("IPv4 works; socket(AF_SMC, SOCK_STREAM, "
                                  "SMCPROTO_SMC6): {}",
                                  errno_text(f.af_smc6_error)));
  }
  return ok(name, "socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC and SMCPROTO_SMC6) works");
}

Check ipproto_smc_check(const Facts& f) {
  const std::string name = "IPPROTO_SMC";
  if (f.ipproto_smc_error == 0) {
    return ok(name, "socket(AF_INET, SOCK_STREAM, IPPROTO_SMC) works");
  }
  // IPPROTO_SMC (256) came with Linux 6.11 (net/smc/smc_inet.c); programs
  // and smc_run use AF_SMC, which older kernels have.
  return warn(name, fmt::format("socket(AF_INET, SOCK_STREAM, IPPROTO_SMC): {}; "
                                "it needs Linux 6.11 or later, AF_SMC is enough",
                                errno_text(f.ipproto_smc_error)));
}

bool has_smcr(const Facts& f) {
  return f.smcr_devices.ok() && !f.smcr_devices->empty();
}

bool loopback_ism(const Facts& f) {
  // The kernel's SMC-D list leaves loopback-ism out (smc_nl_prep_smcd_dev),
  // but it sets the ISMv2 flag of the system info (smcd_lo_register_dev).
  // An ISMv2 flag with an empty list can only be that device: ISM hardware
  // (s390) would be listed.
  return f.system.ok() && f.system->ism_v2 && f.smcd_devices.ok() &&
         f.smcd_devices->empty();
}

bool has_smcd(const Facts& f) {
  return loopback_ism(f) || (f.smcd_devices.ok() && !f.smcd_devices->empty());
}

Check smcd_check(const Facts& f) {
  const std::string name = "SMC-D devices";
  if (!f.smcd_devices) return fail(name, f.smcd_devices.error().message);
  std::vector<std::string> devices;
  for (const SmcdDevice& d : *f.smcd_devices) {
    devices.push_back(fmt::format(
        "{} (CHID {:#06x}, {})", d.pci_id, d.chid,
        d.pnetid.empty() ? std::string("no PNET ID") : "PNET ID " + d.pnetid));
  }
  if (loopback_ism(f)) {
    devices.push_back("loopback-ism (SMC-Dv2 within this host)");
  }
  if (!devices.empty()) return ok(name, join(devices, ", "));
  if (has_smcr(f)) return ok(name, "none (there are SMC-R devices)");
  return fail(name,
              "none, and no SMC-R device either: connections fall back to TCP "
              "(NOSMCDEV); within one host SMC-D needs loopback-ism, a kernel "
              "built with CONFIG_SMC_LO");
}

std::string port_text(const SmcrPort& p,
                      const std::map<std::uint32_t, std::string>& netdevs) {
  std::string netdev = "no net device";
  if (p.netdev_index != 0) {
    const auto it = netdevs.find(p.netdev_index);
    netdev = it != netdevs.end() ? it->second
                                 : fmt::format("ifindex {}", p.netdev_index);
  }
  return fmt::format("port {} {}, {}, {}", p.number, netdev,
                     p.pnetid.empty() ? std::string("no PNET ID") : "PNET ID " + p.pnetid,
                     p.active ? "active" : "inactive");
}

Check smcr_check(const Facts& f) {
  const std::string name = "SMC-R devices";
  if (!f.smcr_devices) return fail(name, f.smcr_devices.error().message);
  std::vector<std::string> devices;
  for (const SmcrDevice& d : *f.smcr_devices) {
    std::vector<std::string> ports;
    for (const SmcrPort& p : d.ports) ports.push_back(port_text(p, f.netdevs));
    devices.push_back(ports.empty() ? d.ib_name
                                    : fmt::format("{} ({})", d.ib_name, join(ports, "; ")));
  }
  if (!devices.empty()) return ok(name, join(devices, ", "));
  if (has_smcd(f)) return ok(name, "none (there are SMC-D devices)");
  return fail(name, "none (SMC-R needs an RDMA device: RoCE, or soft-RoCE rxe)");
}

bool seid_enabled(const Facts& f) {
  return f.seid.ok() && f.seid->seid && f.seid->enabled;
}

// SMC-Dv2 (and so loopback-ism) connects only peers that share an EID: a
// UEID, or the system EID where it is enabled (s390 only). On x86 without
// a UEID every connection is declined with NOUEID (net/smc/smc_clc.c).
bool eid_missing(const Facts& f) {
  return f.system.ok() && f.system->ism_v2 && f.ueids.ok() && f.ueids->empty() &&
         !seid_enabled(f);
}

Check ueid_check(const Facts& f) {
  const std::string name = "UEID";
  if (!f.ueids) return fail(name, f.ueids.error().message);
  if (!f.ueids->empty()) return ok(name, join(*f.ueids, ", "));
  if (seid_enabled(f)) return ok(name, "none; the enabled system EID is used instead");
  if (eid_missing(f)) {
    return fail(name, fmt::format(
                          "none, and no system EID enabled: SMC-Dv2 (loopback-ism) "
                          "declines every connection (NOUEID); add one: {}",
                          kAddUeid));
  }
  return warn(name, fmt::format(
                        "none: SMC v2 between hosts needs an EID both share ({})",
                        kAddUeid));
}

Check seid_check(const Facts& f) {
  const std::string name = "SEID";
  if (!f.seid) {
    // Kernels without the SEID dump (before 5.15) answer EOPNOTSUPP.
    if (f.seid_error == EOPNOTSUPP) {
      return ok(name, "not reported by this kernel (EOPNOTSUPP)");
    }
    return warn(name, f.seid.error().message);
  }
  if (!f.seid->seid) return ok(name, "none (there is no SMC-Dv2 device)");
  const std::string seid = f.seid->seid->empty() ? "blank" : *f.seid->seid;
  if (f.seid->enabled) return ok(name, fmt::format("{}, enabled", seid));
  // Outside s390 the system EID is blank and cannot be enabled
  // (smc_ism_create_system_eid, smc_nl_enable_seid).
  return ok(name, fmt::format("{}, disabled (as always outside s390: UEIDs are used)",
                              seid));
}

void sysctl_checks(const Facts& f, std::vector<Check>& checks) {
  if (!f.smc_sysctls) {
    checks.push_back(warn("net.smc.*", f.smc_sysctls.error().message));
    return;
  }
  for (const SysctlValue& s : *f.smc_sysctls) {
    if (s.error != 0) {
      checks.push_back(warn(s.name, fmt::format("cannot read: {}", errno_text(s.error))));
    } else {
      checks.push_back(ok(s.name, s.value));
    }
  }
}

// The advice names the SMC tech the host has: SMC-D buffers end at 1 MiB,
// SMC-R's at 512 MiB.
Check buffer_max_check(const SysctlValue& s, const char* option, const Facts& f) {
  if (s.error != 0) return warn(s.name, fmt::format("cannot read: {}", errno_text(s.error)));
  char* end = nullptr;
  const long value = std::strtol(s.value.c_str(), &end, 10);
  if (end == s.value.c_str()) return warn(s.name, fmt::format("{}: not a number", s.value));
  if (value >= kUsefulBufferMax) return ok(s.name, s.value);
  if (has_smcr(f) && !has_smcd(f)) {
    return warn(s.name, fmt::format(
                            "{}: below 1 MiB, so programs cannot ask for SMC-R buffers "
                            "beyond it (SMC-R makes them up to 512 MiB; smc_run {} SIZE "
                            "raises it)",
                            s.value, option));
  }
  return warn(s.name, fmt::format(
                          "{}: below 1 MiB, so programs cannot ask for SMC-D's largest "
                          "buffer (smc_run {} 1m raises it){}",
                          s.value, option,
                          has_smcr(f) ? "; SMC-R's go up to 512 MiB" : ""));
}

std::string side_text(const char* side, const SmcSocket& s) {
  return fmt::format("{} {}", side, mode_text(s));
}

// The live test's check, and the mode the connection used.
Check loopback_check(const Facts& f, std::string& mode) {
  const std::string name = "live loopback";
  const LiveTest& t = f.live;
  mode = "none";
  if (!t.ran) {
    return fail(name, t.error.empty() ? "not run" : "not run: " + t.error);
  }
  if (!t.error.empty()) return fail(name, t.error);
  if (!t.diag_error.empty()) {
    return fail(name, "cannot tell SMC from TCP: " + t.diag_error);
  }
  if (!t.client || !t.server) {
    return fail(name, fmt::format("SMC_DIAG did not list the test's {} socket",
                                  !t.client ? "client" : "server"));
  }
  const std::string where = fmt::format("{} bytes each way over 127.0.0.1:{}", t.bytes, t.port);
  const std::uint8_t c = t.client->mode;
  if (c == t.server->mode && c != kSmcDiagModeFallbackTcp) {
    mode = c == kSmcDiagModeSmcD ? "SMC-D" : "SMC-R";
    return ok(name, fmt::format("{}: {}", connection_text(*t.client), where));
  }
  mode = "TCP";
  return fail(name, fmt::format("{}: {}, {}",
                                c == kSmcDiagModeFallbackTcp ? "TCP fallback" : "modes differ",
                                side_text("client", *t.client),
                                side_text("server", *t.server)));
}

std::string reason_text(std::uint32_t code) {
  const char* name = decline_name(code);
  const char* text = decline_text(code);
  if (name == nullptr) return fmt::format("{:#010x}", code);
  return fmt::format("{} ({})", name, text);
}

// "198.18.0.1:37373", "[fd00::1]:37373".
std::string endpoint(const LiveTest& t) {
  return t.address.find(':') != std::string::npos ? fmt::format("[{}]:{}", t.address, t.port)
                                                   : fmt::format("{}:{}", t.address, t.port);
}

// -C's live test: only the client is ours to ask SMC_DIAG about.
Check remote_check(const Facts& f, std::string& mode) {
  const std::string name = "live connection";
  const LiveTest& t = f.live;
  mode = "none";
  if (!t.ran) return fail(name, t.error.empty() ? "not run" : "not run: " + t.error);
  if (!t.error.empty()) return fail(name, t.error);
  if (!t.diag_error.empty()) return fail(name, "cannot tell SMC from TCP: " + t.diag_error);
  if (!t.client) return fail(name, "SMC_DIAG did not list the test's socket");
  const std::string where = fmt::format("{} bytes echoed by {}", t.bytes, endpoint(t));
  if (t.client->mode != kSmcDiagModeFallbackTcp) {
    mode = t.client->mode == kSmcDiagModeSmcD ? "SMC-D" : "SMC-R";
    return ok(name, fmt::format("{}: {}", connection_text(*t.client), where));
  }
  mode = "TCP";
  return fail(name, fmt::format("TCP fallback: {}; {}", mode_text(*t.client), where));
}

// "RDMA over rxe0 (port 1)", "shared memory": what the verdict says a
// connection ran on.
std::string medium(const std::string& mode, const std::optional<SmcSocket>& client) {
  if (mode == "SMC-D") return "shared memory";
  if (client && client->link) {
    return fmt::format("RDMA over {} (port {})", client->link->ib_device, client->link->ib_port);
  }
  return "RDMA";
}

// What -C's fallback says about the peer, for the verdict.
std::string peer_hint(const Facts& f) {
  const std::optional<SmcSocket>& c = f.live.client;
  if (!c) return "";
  if (c->fallback_reason == kDeclPeerNoSmc) {
    return "; the server does not speak SMC (is it smc_chk -S, on a host with SMC?)";
  }
  if (c->fallback_reason != kDeclPeerDecl) return "";
  std::string ueids = "none";
  if (f.ueids && !f.ueids->empty()) ueids = join(*f.ueids, ", ");
  return fmt::format(
      "; the server declined: SMC v2 between hosts needs an SMC device on both and a UEID "
      "both share (this host's: {}; smcr ueid shows them there)",
      ueids);
}

// The verdict of -C, once the checks are made.
void remote_summary(const Facts& f, Report& r) {
  const std::string to = "the test connection to " + endpoint(f.live);
  if (r.smc_used) {
    r.summary = fmt::format("{} is used: {} ran on {}", r.mode, to, medium(r.mode, f.live.client));
  } else if (r.mode == "TCP") {
    r.reason = fallback_reason(f.live.client, std::nullopt);
    r.summary = fmt::format("SMC is not used: {} fell back to TCP", to);
    if (r.reason != 0) r.summary += " with " + reason_text(r.reason);
    r.summary += peer_hint(f);
  } else if (f.live.ran) {
    r.summary = fmt::format("SMC is not used: {} could not be made: {}", to, f.live.error);
    if (f.live.error_number == ECONNREFUSED || f.live.error_number == ETIMEDOUT) {
      r.summary += " (is smc_chk -S running there?)";
    }
  }
}

}  // namespace

const char* status_name(CheckStatus status) {
  switch (status) {
    case CheckStatus::kOk:
      return "ok";
    case CheckStatus::kWarn:
      return "warn";
    case CheckStatus::kFail:
      return "fail";
  }
  return "?";
}

std::string errno_text(int error) {
  const char* name = strerrorname_np(error);
  const std::string text = std::strerror(error);
  return name != nullptr ? fmt::format("{} ({})", name, text)
                         : fmt::format("errno {} ({})", error, text);
}

std::string connection_text(const SmcSocket& s) {
  if (s.state == kSmcListen) return mode_text(s);
  if (s.mode == kSmcDiagModeSmcD) return "SMC-D";
  if (s.mode != kSmcDiagModeSmcR) return mode_text(s);
  return s.link ? fmt::format("SMC-R over {} port {}", s.link->ib_device, s.link->ib_port)
                : std::string("SMC-R");
}

std::uint32_t fallback_reason(const std::optional<SmcSocket>& client,
                              const std::optional<SmcSocket>& server) {
  for (const auto* s : {&client, &server}) {
    if (!*s || (*s)->mode != kSmcDiagModeFallbackTcp) continue;
    const SmcSocket& socket = **s;
    // PEERDECL only says the peer declined; its diagnosis says why.
    if (socket.fallback_reason == kDeclPeerDecl && socket.peer_diagnosis != 0) {
      return socket.peer_diagnosis;
    }
    if (socket.fallback_reason != 0) return socket.fallback_reason;
  }
  return 0;
}

Report evaluate(const Facts& f) {
  Report r;
  r.loopback_ism = loopback_ism(f);
  r.checks.push_back(module_check("smc", "AF_SMC", f.smc_module, f));
  r.checks.push_back(
      module_check("smc_diag", "SMC_DIAG", f.smc_diag_module, f));
  r.checks.push_back(af_smc_check(f));
  r.checks.push_back(ipproto_smc_check(f));
  r.checks.push_back(smcd_check(f));
  r.checks.push_back(smcr_check(f));
  r.checks.push_back(ueid_check(f));
  r.checks.push_back(seid_check(f));
  sysctl_checks(f, r.checks);
  r.checks.push_back(buffer_max_check(f.rmem_max, "-r", f));
  r.checks.push_back(buffer_max_check(f.wmem_max, "-t", f));
  r.checks.push_back(f.live.remote ? remote_check(f, r.mode) : loopback_check(f, r.mode));
  r.smc_used = r.mode == "SMC-D" || r.mode == "SMC-R";
  if (f.live.remote) {
    remote_summary(f, r);
    if (!r.summary.empty()) return r;
  }

  if (r.smc_used) {
    r.summary = fmt::format("{} is used: the test connection over 127.0.0.1 ran on {}",
                            r.mode, medium(r.mode, f.live.client));
    if (r.mode == "SMC-D" && r.loopback_ism) r.summary += " (loopback-ism)";
    return r;
  }
  if (r.mode == "TCP") {
    r.reason = fallback_reason(f.live.client, f.live.server);
    r.summary = "SMC is not used: the test connection fell back to TCP";
    if (r.reason != 0) r.summary += " with " + reason_text(r.reason);
  } else {
    // No connection to judge: the first failing check says why.
    r.summary = "SMC is not used";
    for (const Check& c : r.checks) {
      if (c.status == CheckStatus::kFail) {
        r.summary += fmt::format(": {}: {}", c.name, c.detail);
        break;
      }
    }
  }
  if (eid_missing(f) || r.reason == kDeclNoUeid) {
    r.summary += fmt::format("; SMC-Dv2 needs a UEID here: {}", kAddUeid);
  }
  return r;
}

std::string render_text(const Report& report, bool quiet) {
  const std::string verdict = "verdict: " + report.summary + "\n";
  if (quiet) return verdict;
  std::size_t width = 0;
  for (const Check& c : report.checks) width = std::max(width, c.name.size());
  std::string out;
  for (const Check& c : report.checks) {
    out += fmt::format("{:<{}}  {:<4}  {}\n", c.name, width, status_name(c.status), c.detail);
  }
  return out + verdict;
}

namespace {

std::string json_or_null(const std::optional<std::string>& s) {
  return s ? json_string(*s) : "null";
}

std::string json_socket(const std::optional<SmcSocket>& s) {
  return s ? socket_json(*s, SocketFields::kBrief) : "null";
}

template <typename T, typename F>
std::string json_array(const std::vector<T>& items, F&& one) {
  std::vector<std::string> parts;
  for (const T& item : items) parts.push_back(one(item));
  return "[" + join(parts, ", ") + "]";
}


std::string boolean(bool b) { return b ? "true" : "false"; }

std::string json_reason(std::uint32_t code) {
  if (code == 0) return "null";
  const char* name = decline_name(code);
  const char* text = decline_text(code);
  return fmt::format("{{\"code\": {}, \"name\": {}, \"text\": {}}}", code,
                     name != nullptr ? json_string(name) : "null",
                     text != nullptr ? json_string(text) : "null");
}

std::string json_checks(const std::vector<Check>& checks) {
  std::vector<std::string> items;
  for (const Check& c : checks) {
    items.push_back(fmt::format("{{\"name\": {}, \"status\": {}, \"detail\": {}}}",
                                json_string(c.name), json_string(status_name(c.status)),
                                json_string(c.detail)));
  }
  return "[\n    " + join(items, ",\n    ") + "\n  ]";
}

std::string json_live(const LiveTest& t) {
  const auto text_or_null = [](const std::string& s) {
    return s.empty() ? std::string("null") : json_string(s);
  };
  // A remote test's client carries its link (the RDMA device) too.
  const std::string client =
      t.remote && t.client ? socket_json(*t.client, SocketFields::kFull) : json_socket(t.client);
  return fmt::format(
      "{{\"ran\": {}, \"error\": {}, \"address\": {}, \"port\": {}, "
      "\"bytes\": {}, \"diag_error\": {}, \"client\": {}, \"server\": {}}}",
      boolean(t.ran), text_or_null(t.error), json_string(t.address), t.port, t.bytes,
      text_or_null(t.diag_error), client, json_socket(t.server));
}

std::string json_smcd_devices(const Facts& f) {
  if (!f.smcd_devices) return "null";
  return json_array(*f.smcd_devices, [](const SmcdDevice& d) {
    return fmt::format("{{\"pci_id\": {}, \"chid\": {}, \"pnetid\": {}}}",
                       json_string(d.pci_id), d.chid, json_string(d.pnetid));
  });
}

std::string json_smcr_devices(const Facts& f) {
  if (!f.smcr_devices) return "null";
  const auto port = [&](const SmcrPort& p) {
    const auto it = f.netdevs.find(p.netdev_index);
    return fmt::format("{{\"port\": {}, \"pnetid\": {}, \"netdev\": {}, \"active\": {}}}",
                       p.number, json_string(p.pnetid),
                       it != f.netdevs.end() ? json_string(it->second) : "null",
                       boolean(p.active));
  };
  return json_array(*f.smcr_devices, [&](const SmcrDevice& d) {
    return fmt::format("{{\"ib_name\": {}, \"pci_id\": {}, \"ports\": {}}}",
                       json_string(d.ib_name), json_string(d.pci_id), json_array(d.ports, port));
  });
}

std::string json_sysctls(const Facts& f) {
  std::vector<SysctlValue> sysctls;
  if (f.smc_sysctls) sysctls = *f.smc_sysctls;
  sysctls.push_back(f.rmem_max);
  sysctls.push_back(f.wmem_max);
  std::vector<std::string> pairs;
  for (const SysctlValue& s : sysctls) {
    pairs.push_back(fmt::format("{}: {}", json_string(s.name),
                                s.error != 0 ? "null" : json_string(s.value)));
  }
  return "{" + join(pairs, ", ") + "}";
}

}  // namespace

std::string render_json(const Report& report, const Facts& f) {
  const std::pair<const char*, std::string> fields[] = {
      {"smc", boolean(report.smc_used)},
      {"verdict", json_string(report.mode)},
      {"reason", json_reason(report.reason)},
      {"summary", json_string(report.summary)},
      {"checks", json_checks(report.checks)},
      {f.live.remote ? "connection" : "loopback", json_live(f.live)},
      {"kernel", json_string(f.kernel_release)},
      {"loopback_ism", boolean(report.loopback_ism)},
      {"smcd_devices", json_smcd_devices(f)},
      {"smcr_devices", json_smcr_devices(f)},
      {"ueids", f.ueids ? json_array(*f.ueids, [](const std::string& u) { return json_string(u); })
                        : "null"},
      {"seid", f.seid ? fmt::format("{{\"seid\": {}, \"enabled\": {}}}",
                                    json_or_null(f.seid->seid), boolean(f.seid->enabled))
                      : "null"},
      {"sysctls", json_sysctls(f)},
  };
  std::vector<std::string> lines;
  for (const auto& [key, value] : fields) {
    lines.push_back(fmt::format("  {}: {}", json_string(key), value));
  }
  return "{\n" + join(lines, ",\n") + "\n}\n";
}

Result<ChkOutput> run_smc_chk(std::span<const std::string> args,
                              const std::function<void(std::string_view)>& print) {
  const Result<SmcChkOptions> options = parse_smc_chk_options(args);
  if (!options) return options.error();
  if (options->help) return ChkOutput{smc_chk_usage(), false};
  if (options->version) {
    return ChkOutput{fmt::format("smc_chk (smc_run) {}\n", kVersion), false};
  }
  if (options->mode == ChkMode::kServer) {
    const Result<Ok> served = run_server(options->port, options->ipv6, print);
    if (!served) return served.error();
    return ChkOutput{std::string(), false};
  }
  const Result<Facts> facts = gather_facts(*options);
  if (!facts) return facts.error();
  const Report report = evaluate(*facts);
  return ChkOutput{options->json ? render_json(report, *facts)
                                 : render_text(report, options->quiet),
                   !report.smc_used};
}

}  // namespace smc
