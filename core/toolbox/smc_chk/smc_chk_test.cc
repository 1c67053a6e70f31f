#include "core/toolbox/smc_chk/smc_chk.h"

#include <doctest/doctest.h>

#include <cerrno>
#include <string>
#include <vector>

namespace smc {
namespace {

SmcSocket connection(std::uint64_t inode, std::uint8_t mode, std::uint32_t reason = 0,
                     std::uint32_t peer = 0) {
  SmcSocket s;
  s.inode = inode;
  s.state = kSmcActive;
  s.mode = mode;
  s.fallback_reason = reason;
  s.peer_diagnosis = peer;
  return s;
}

// The project's test guest with the rebuilt smc.ko: loopback-ism, a UEID,
// and a connection on SMC-D.
Facts loopback_ism_host() {
  Facts f;
  f.kernel_release = "6.12.117+deb12-amd64";
  f.smc_module = {.loaded = true, .works = true};
  f.smc_diag_module = {.loaded = true, .works = true};
  f.system = SmcSystemInfo{2, 1, true, true, "guest", ""};
  f.smcd_devices = std::vector<SmcdDevice>{};
  f.smcr_devices = std::vector<SmcrDevice>{};
  f.ueids = std::vector<std::string>{"SMC-RUN-TESTBED"};
  f.seid = SmcSeid{std::string(), false};
  f.smc_sysctls = std::vector<SysctlValue>{{"net.smc.rmem", "65536", 0},
                                           {"net.smc.wmem", "65536", 0}};
  f.rmem_max.value = "4194304";
  f.wmem_max.value = "212992";
  f.live.ran = true;
  f.live.port = 40000;
  f.live.bytes = 16384;
  f.live.client = connection(11, kSmcDiagModeSmcD);
  f.live.server = connection(12, kSmcDiagModeSmcD);
  return f;
}

// Debian's stock smc.ko: no SMC-D device, so the connection falls back.
Facts stock_host() {
  Facts f = loopback_ism_host();
  f.system = SmcSystemInfo{2, 1, false, true, "guest", ""};
  f.seid = SmcSeid{};
  f.live.client = connection(11, kSmcDiagModeFallbackTcp, 0x03030000);
  f.live.server = connection(12, kSmcDiagModeFallbackTcp, 0x05000000, 0x03030000);
  return f;
}

// loopback-ism but no UEID: the server declines with NOUEID.
Facts no_ueid_host() {
  Facts f = loopback_ism_host();
  f.ueids = std::vector<std::string>{};
  f.live.client = connection(11, kSmcDiagModeFallbackTcp, 0x05000000, 0x03030008);
  f.live.server = connection(12, kSmcDiagModeFallbackTcp, 0x03030008);
  return f;
}

// A kernel without SMC, like this project's build machine.
Facts no_smc_host() {
  Facts f;
  f.kernel_release = "6.1.0-13-amd64";
  f.smc_module = {.available = true};
  f.af_smc_error = f.af_smc6_error = EAFNOSUPPORT;
  f.ipproto_smc_error = EPROTONOSUPPORT;
  const Error no_family = system_error(
      "cannot list SMC-D devices: the kernel has no SMC generic netlink (smc module not loaded)");
  f.system = no_family;
  f.smcd_devices = no_family;
  f.smcr_devices = no_family;
  f.ueids = no_family;
  f.seid = no_family;
  f.smc_sysctls = system_error("/proc/sys/net/smc is missing");
  f.rmem_max.value = f.wmem_max.value = "212992";
  f.live.error = "AF_SMC sockets cannot be made";
  return f;
}

const Check& find(const Report& r, const std::string& name) {
  for (const Check& c : r.checks) {
    if (c.name == name) return c;
  }
  FAIL("no check named " << name);
  return r.checks.front();
}

TEST_CASE("smc_chk verdict is SMC only when the live connection was SMC on both ends") {
  struct Row {
    const char* host;
    Facts facts;
    bool smc_used;
    const char* mode;
    std::uint32_t reason;
    const char* summary;
  };
  Facts smcr = loopback_ism_host();
  smcr.live.client->mode = smcr.live.server->mode = kSmcDiagModeSmcR;
  Facts mixed = loopback_ism_host();
  mixed.live.server = connection(12, kSmcDiagModeFallbackTcp, 0x03010000);
  Facts no_diag = loopback_ism_host();
  no_diag.live.client.reset();
  no_diag.live.server.reset();
  no_diag.live.diag_error = "cannot list SMC sockets: this kernel has no SMC_DIAG";
  Facts unlisted = loopback_ism_host();
  unlisted.live.server.reset();
  Facts refused = loopback_ism_host();
  refused.live.client.reset();
  refused.live.server.reset();
  refused.live.error = "connect to 127.0.0.1:40000: ECONNREFUSED (Connection refused)";
  const Row rows[] = {
      {"loopback-ism", loopback_ism_host(), true, "SMC-D", 0,
       "SMC-D is used: the test connection over 127.0.0.1 ran on shared memory "
       "(loopback-ism)"},
      {"SMC-R", smcr, true, "SMC-R", 0,
       "SMC-R is used: the test connection over 127.0.0.1 ran on RDMA"},
      {"stock smc.ko", stock_host(), false, "TCP", 0x03030000,
       "SMC is not used: the test connection fell back to TCP with NOSMCDEV (no SMC "
       "device found (R or D))"},
      {"no UEID", no_ueid_host(), false, "TCP", 0x03030008,
       "SMC is not used: the test connection fell back to TCP with NOUEID (peer sent no "
       "UEID); SMC-Dv2 needs a UEID here: smc_run --role smcd ueid add ID"},
      {"one end on TCP", mixed, false, "TCP", 0x03010000,
       "SMC is not used: the test connection fell back to TCP with PEERNOSMC (peer did "
       "not indicate SMC)"},
      {"no SMC_DIAG", no_diag, false, "none", 0,
       "SMC is not used: live loopback: cannot tell SMC from TCP: cannot list SMC "
       "sockets: this kernel has no SMC_DIAG"},
      {"socket missing from SMC_DIAG", unlisted, false, "none", 0,
       "SMC is not used: live loopback: SMC_DIAG did not list the test's server socket"},
      {"connection refused", refused, false, "none", 0,
       "SMC is not used: live loopback: connect to 127.0.0.1:40000: ECONNREFUSED "
       "(Connection refused)"},
      {"no SMC", no_smc_host(), false, "none", 0,
       "SMC is not used: smc module: not loaded (load it: modprobe smc)"},
  };
  for (const Row& row : rows) {
    const std::string host = row.host;
    CAPTURE(host);
    const Report r = evaluate(row.facts);
    CHECK(r.smc_used == row.smc_used);
    CHECK(r.mode == std::string(row.mode));
    CHECK(r.reason == row.reason);
    CHECK(r.summary == std::string(row.summary));
  }
}

// Guest B of the test pair: SMC-R over rxe0 to smc_chk -S on A.
Facts pair_client(std::uint8_t mode, std::uint32_t reason = 0, std::uint32_t peer = 0) {
  Facts f = stock_host();
  f.smcr_devices = std::vector<SmcrDevice>{
      {"rxe0", "", {{1, "", false, 2, true, 1, true}}, std::nullopt, false}};
  f.live = LiveTest{};
  f.live.remote = true;
  f.live.address = "198.18.0.1";
  f.live.port = 37373;
  f.live.ran = true;
  f.live.bytes = 16384;
  f.live.client = connection(21, mode, reason, peer);
  if (mode == kSmcDiagModeSmcR) {
    f.live.client->link = SmcLinkInfo{kSmcLgrRoleClient, "rxe0", 1, 1, "g1", "g2", std::nullopt};
  }
  return f;
}

TEST_CASE("smc_chk -C verdict names SMC-R and its device, or why the peer cannot do SMC") {
  struct Row {
    const char* host;
    Facts facts;
    bool smc_used;
    const char* mode;
    std::uint32_t reason;
    const char* check;
    const char* summary;
  };
  Facts refused = pair_client(kSmcDiagModeSmcR);
  refused.live.client.reset();
  refused.live.bytes = 0;
  refused.live.error = "connect to 198.18.0.1:37373: ECONNREFUSED (Connection refused)";
  refused.live.error_number = ECONNREFUSED;
  Facts v6 = pair_client(kSmcDiagModeSmcD);
  v6.live.address = "fd00::1";
  Facts other_ueid = pair_client(kSmcDiagModeFallbackTcp, 0x05000000, 0x03030000);
  other_ueid.ueids = std::vector<std::string>{"OTHER-UEID-B"};
  const Row rows[] = {
      {"SMC-R", pair_client(kSmcDiagModeSmcR), true, "SMC-R", 0,
       "SMC-R over rxe0 port 1: 16384 bytes echoed by 198.18.0.1:37373",
       "SMC-R is used: the test connection to 198.18.0.1:37373 ran on RDMA over rxe0 (port 1)"},
      {"SMC-D over IPv6", v6, true, "SMC-D", 0,
       "SMC-D: 16384 bytes echoed by [fd00::1]:37373",
       "SMC-D is used: the test connection to [fd00::1]:37373 ran on shared memory"},
      {"plain TCP server", pair_client(kSmcDiagModeFallbackTcp, 0x03010000), false, "TCP",
       0x03010000,
       "TCP fallback: TCP 0x03010000 PEERNOSMC; 16384 bytes echoed by 198.18.0.1:37373",
       "SMC is not used: the test connection to 198.18.0.1:37373 fell back to TCP with "
       "PEERNOSMC (peer did not indicate SMC); the server does not speak SMC (is it smc_chk "
       "-S, on a host with SMC?)"},
      {"other UEID", other_ueid, false, "TCP", 0x03030000,
       "TCP fallback: TCP 0x05000000 PEERDECL/0x03030000 NOSMCDEV; 16384 bytes echoed by "
       "198.18.0.1:37373",
       "SMC is not used: the test connection to 198.18.0.1:37373 fell back to TCP with "
       "NOSMCDEV (no SMC device found (R or D)); the server declined: SMC v2 between hosts "
       "needs an SMC device on both and a UEID both share (this host's: OTHER-UEID-B; smcr "
       "ueid shows them there)"},
      {"no server", refused, false, "none", 0,
       "connect to 198.18.0.1:37373: ECONNREFUSED (Connection refused)",
       "SMC is not used: the test connection to 198.18.0.1:37373 could not be made: connect "
       "to 198.18.0.1:37373: ECONNREFUSED (Connection refused) (is smc_chk -S running "
       "there?)"},
  };
  for (const Row& row : rows) {
    const std::string host = row.host;
    CAPTURE(host);
    const Report r = evaluate(row.facts);
    CHECK(r.smc_used == row.smc_used);
    CHECK(r.mode == std::string(row.mode));
    CHECK(r.reason == row.reason);
    REQUIRE(r.checks.back().name == "live connection");
    CHECK(r.checks.back().detail == std::string(row.check));
    CHECK(r.summary == std::string(row.summary));
  }
}

TEST_CASE("smc_chk -C JSON has the connection, its address and the client's link") {
  const Facts f = pair_client(kSmcDiagModeSmcR);
  const std::string json = render_json(evaluate(f), f);
  CHECK(json.find("\"connection\": {\"ran\": true, \"error\": null, \"address\": "
                  "\"198.18.0.1\", \"port\": 37373, \"bytes\": 16384,") != std::string::npos);
  CHECK(json.find("\"link\": {\"link_group\": null, \"role\": \"client\", \"ib_device\": "
                  "\"rxe0\"") != std::string::npos);
  CHECK(json.find("\"loopback\":") == std::string::npos);
  CHECK(json.find("\"verdict\": \"SMC-R\"") != std::string::npos);
}

TEST_CASE("a connection is named by what it used, with its RDMA device") {
  SmcSocket s = connection(1, kSmcDiagModeSmcR);
  CHECK(connection_text(s) == "SMC-R");
  s.link = SmcLinkInfo{kSmcLgrRoleServer, "mlx5_0", 2, 1, "", "", std::nullopt};
  CHECK(connection_text(s) == "SMC-R over mlx5_0 port 2");
  CHECK(connection_text(connection(1, kSmcDiagModeSmcD)) == "SMC-D");
  CHECK(connection_text(connection(1, kSmcDiagModeFallbackTcp, 0x03010000)) ==
        "TCP 0x03010000 PEERNOSMC");
}

TEST_CASE("smc_chk fallback reason is the client's, or its peer's behind PEERDECL") {
  struct Row {
    std::optional<SmcSocket> client, server;
    std::uint32_t reason;
  };
  const Row rows[] = {
      {connection(1, kSmcDiagModeSmcD), connection(2, kSmcDiagModeSmcD), 0},
      {connection(1, kSmcDiagModeFallbackTcp, 0x03030000), std::nullopt, 0x03030000},
      {connection(1, kSmcDiagModeFallbackTcp, 0x05000000, 0x03030008), std::nullopt, 0x03030008},
      {connection(1, kSmcDiagModeFallbackTcp, 0x05000000), std::nullopt, 0x05000000},
      {connection(1, kSmcDiagModeSmcD), connection(2, kSmcDiagModeFallbackTcp, 0x03010000), 0x03010000},
      {std::nullopt, connection(2, kSmcDiagModeFallbackTcp, 0x05000000, 0x03030000), 0x03030000},
      {connection(1, kSmcDiagModeFallbackTcp), connection(2, kSmcDiagModeFallbackTcp), 0},
  };
  for (const Row& row : rows) {
    CHECK(fallback_reason(row.client, row.server) == row.reason);
  }
}

TEST_CASE("smc_chk checks say what each fact means") {
  struct Row {
    const char* host;
    Facts facts;
    const char* check;
    CheckStatus status;
    const char* detail;
  };
  Facts two_ism = stock_host();
  two_ism.system->ism_v2 = true;
  two_ism.smcd_devices = std::vector<SmcdDevice>{{"0000:00:05.0", 0x7f, "NET1", false, 1, {}, false},
                                                 {"0000:00:06.0", 0x80, "", false, 0, {}, false}};
  Facts rxe = stock_host();
  rxe.smcr_devices = std::vector<SmcrDevice>{
      {"rxe0", "", {{1, "", false, 2, true, 0, true}}, std::nullopt, false},
      {"mlx5_0", "0000:3b:00.0", {{1, "P", false, 9, false, 0, true}}, std::nullopt, false}};
  rxe.netdevs[2] = "eth0";
  Facts seid_on = no_ueid_host();
  seid_on.seid = SmcSeid{std::string("IBM-SYSZ-ISMSEID00000000ABCD8561"), true};
  Facts no_v2_no_ueid = stock_host();
  no_v2_no_ueid.ueids = std::vector<std::string>{};
  Facts old_kernel = loopback_ism_host();
  old_kernel.seid = system_error("cannot read the SEID: Operation not supported");
  old_kernel.seid_error = EOPNOTSUPP;
  old_kernel.ipproto_smc_error = EPROTONOSUPPORT;
  Facts v6_missing = loopback_ism_host();
  v6_missing.af_smc6_error = EPROTONOSUPPORT;
  Facts on_demand = loopback_ism_host();
  on_demand.smc_module = {.loaded_after = true, .works = true};
  Facts built_in = loopback_ism_host();
  built_in.smc_module = {.built_in = true, .works = true};
  built_in.smc_diag_module = {.works = true};
  Facts unreadable = loopback_ism_host();
  unreadable.smc_sysctls = std::vector<SysctlValue>{{"net.smc.secret", "", EACCES}};
  unreadable.rmem_max.error = EACCES;
  Facts timeout = loopback_ism_host();
  timeout.live.error = "no connection within 10000 ms";
  timeout.live.client.reset();
  Facts no_container_modules = no_smc_host();
  no_container_modules.smc_module.available = false;
  Facts no_module_support = no_smc_host();
  no_module_support.loadable_modules = false;
  const Row rows[] = {
      {"loopback-ism", loopback_ism_host(), "smc module", CheckStatus::kOk, "loaded"},
      {"loopback-ism", loopback_ism_host(), "AF_SMC", CheckStatus::kOk,
       "socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC and SMCPROTO_SMC6) works"},
      {"loopback-ism", loopback_ism_host(), "IPPROTO_SMC", CheckStatus::kOk,
       "socket(AF_INET, SOCK_STREAM, IPPROTO_SMC) works"},
      {"loopback-ism", loopback_ism_host(), "SMC-D devices", CheckStatus::kOk,
       "loopback-ism (SMC-Dv2 within this host)"},
      {"loopback-ism", loopback_ism_host(), "SMC-R devices", CheckStatus::kOk,
       "none (there are SMC-D devices)"},
      {"loopback-ism", loopback_ism_host(), "UEID", CheckStatus::kOk, "SMC-RUN-TESTBED"},
      {"loopback-ism", loopback_ism_host(), "SEID", CheckStatus::kOk,
       "blank, disabled (as always outside s390: UEIDs are used)"},
      {"loopback-ism", loopback_ism_host(), "net.smc.wmem", CheckStatus::kOk, "65536"},
      {"loopback-ism", loopback_ism_host(), "net.core.rmem_max", CheckStatus::kOk, "4194304"},
      {"loopback-ism", loopback_ism_host(), "net.core.wmem_max", CheckStatus::kWarn,
       "212992: below 1 MiB, so programs cannot ask for SMC-D's largest buffer (smc_run -t "
       "1m raises it)"},
      {"loopback-ism", loopback_ism_host(), "live loopback", CheckStatus::kOk,
       "SMC-D: 16384 bytes each way over 127.0.0.1:40000"},
      {"stock", stock_host(), "SMC-D devices", CheckStatus::kFail,
       "none, and no SMC-R device either: connections fall back to TCP (NOSMCDEV); within "
       "one host SMC-D needs loopback-ism, a kernel built with CONFIG_SMC_LO"},
      {"stock", stock_host(), "SMC-R devices", CheckStatus::kFail,
       "none (SMC-R needs an RDMA device: RoCE, or soft-RoCE rxe)"},
      {"stock", stock_host(), "SEID", CheckStatus::kOk, "none (there is no SMC-Dv2 device)"},
      {"stock", stock_host(), "live loopback", CheckStatus::kFail,
       "TCP fallback: client TCP 0x03030000 NOSMCDEV, server TCP 0x05000000 "
       "PEERDECL/0x03030000 NOSMCDEV"},
      {"ISM hardware", two_ism, "SMC-D devices", CheckStatus::kOk,
       "0000:00:05.0 (CHID 0x007f, PNET ID NET1), 0000:00:06.0 (CHID 0x0080, no PNET ID)"},
      {"RDMA devices", rxe, "SMC-R devices", CheckStatus::kOk,
       "rxe0 (port 1 eth0, no PNET ID, active), mlx5_0 (port 1 ifindex 9, PNET ID P, "
       "inactive)"},
      {"RDMA devices", rxe, "SMC-D devices", CheckStatus::kOk, "none (there are SMC-R devices)"},
      {"RDMA devices", rxe, "net.core.wmem_max", CheckStatus::kWarn,
       "212992: below 1 MiB, so programs cannot ask for SMC-R buffers beyond it (SMC-R makes "
       "them up to 512 MiB; smc_run -t SIZE raises it)"},
      {"RDMA devices", rxe, "net.core.rmem_max", CheckStatus::kOk, "4194304"},
      {"no UEID", no_ueid_host(), "UEID", CheckStatus::kFail,
       "none, and no system EID enabled: SMC-Dv2 (loopback-ism) declines every connection "
       "(NOUEID); add one: smc_run --role smcd ueid add ID"},
      {"no UEID", no_ueid_host(), "live loopback", CheckStatus::kFail,
       "TCP fallback: client TCP 0x05000000 PEERDECL/0x03030008 NOUEID, server TCP "
       "0x03030008 NOUEID"},
      {"s390 SEID", seid_on, "UEID", CheckStatus::kOk,
       "none; the enabled system EID is used instead"},
      {"s390 SEID", seid_on, "SEID", CheckStatus::kOk,
       "IBM-SYSZ-ISMSEID00000000ABCD8561, enabled"},
      {"no SMC-Dv2, no UEID", no_v2_no_ueid, "UEID", CheckStatus::kWarn,
       "none: SMC v2 between hosts needs an EID both share (smc_run --role smcd ueid add "
       "ID)"},
      {"old kernel", old_kernel, "SEID", CheckStatus::kOk,
       "not reported by this kernel (EOPNOTSUPP)"},
      {"old kernel", old_kernel, "IPPROTO_SMC", CheckStatus::kWarn,
       "socket(AF_INET, SOCK_STREAM, IPPROTO_SMC): EPROTONOSUPPORT (Protocol not "
       "supported); it needs Linux 6.11 or later, AF_SMC is enough"},
      {"IPv6 missing", v6_missing, "AF_SMC", CheckStatus::kWarn,
       "IPv4 works; socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC6): EPROTONOSUPPORT (Protocol "
       "not supported)"},
      {"loaded on demand", on_demand, "smc module", CheckStatus::kOk,
       "loaded on demand by this check (AF_SMC asked for it)"},
      {"built in", built_in, "smc module", CheckStatus::kOk, "built into the kernel"},
      {"built in", built_in, "smc_diag module", CheckStatus::kOk,
       "built into the kernel (SMC_DIAG works, no module loaded)"},
      {"unreadable sysctls", unreadable, "net.smc.secret", CheckStatus::kWarn,
       "cannot read: EACCES (Permission denied)"},
      {"unreadable sysctls", unreadable, "net.core.rmem_max", CheckStatus::kWarn,
       "cannot read: EACCES (Permission denied)"},
      {"timeout", timeout, "live loopback", CheckStatus::kFail, "no connection within 10000 ms"},
      {"no SMC", no_smc_host(), "smc module", CheckStatus::kFail,
       "not loaded (load it: modprobe smc)"},
      {"no SMC", no_smc_host(), "smc_diag module", CheckStatus::kFail,
       "not loaded, and there is none under /lib/modules/6.1.0-13-amd64 (a kernel without "
       "it, or a container: check the host)"},
      {"no SMC", no_smc_host(), "AF_SMC", CheckStatus::kFail,
       "socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC): EAFNOSUPPORT (Address family not "
       "supported by protocol)"},
      {"no SMC", no_smc_host(), "net.smc.*", CheckStatus::kWarn, "/proc/sys/net/smc is missing"},
      {"no SMC", no_smc_host(), "live loopback", CheckStatus::kFail,
       "not run: AF_SMC sockets cannot be made"},
      {"no SMC in a container", no_container_modules, "smc module", CheckStatus::kFail,
       "not loaded, and there is none under /lib/modules/6.1.0-13-amd64 (a kernel without "
       "it, or a container: check the host)"},
      {"no module support", no_module_support, "smc module", CheckStatus::kFail,
       "not built into this kernel, which loads no modules (it has no /proc/modules)"},
  };
  for (const Row& row : rows) {
    const std::string where = std::string(row.host) + ": " + row.check;
    CAPTURE(where);
    const Report report = evaluate(row.facts);
    const Check& c = find(report, row.check);
    CHECK(std::string(status_name(c.status)) == status_name(row.status));
    CHECK(c.detail == std::string(row.detail));
  }
}

TEST_CASE("smc_chk text lists the checks in columns and ends with the verdict") {
  Report r;
  r.checks = {{"smc module", CheckStatus::kOk, "loaded"},
              {"net.core.wmem_max", CheckStatus::kWarn, "212992: below 1 MiB"},
              {"live loopback", CheckStatus::kFail, "TCP fallback"}};
  r.summary = "SMC is not used";
  CHECK(render_text(r, false) ==
        "smc module         ok    loaded\n"
        "net.core.wmem_max  warn  212992: below 1 MiB\n"
        "live loopback      fail  TCP fallback\n"
        "verdict: SMC is not used\n");
  CHECK(render_text(r, true) == "verdict: SMC is not used\n");
  // Every check of a real evaluation is on one line of its own.
  const std::string text = render_text(evaluate(loopback_ism_host()), false);
  CHECK(text.find("\nlive loopback      ok    SMC-D: ") != std::string::npos);
  CHECK(text.ends_with("\nverdict: SMC-D is used: the test connection over 127.0.0.1 ran "
                       "on shared memory (loopback-ism)\n"));
}

TEST_CASE("smc_chk JSON holds the verdict, checks and facts, with strings escaped") {
  Facts f = stock_host();
  f.smc_sysctls = std::vector<SysctlValue>{{"net.smc.odd", "a\"b\\c\td\x01", 0},
                                           {"net.smc.gone", "", EACCES}};
  const std::string json = render_json(evaluate(f), f);
  CHECK(json.starts_with("{\n  \"smc\": false,\n  \"verdict\": \"TCP\",\n  \"reason\": "
                         "{\"code\": 50528256, \"name\": \"NOSMCDEV\", \"text\": \"no SMC "
                         "device found (R or D)\"},\n  \"summary\": \"SMC is not used: "));
  CHECK(json.find("\n  \"checks\": [\n    {\"name\": \"smc module\", \"status\": \"ok\", "
                  "\"detail\": \"loaded\"},\n    {") != std::string::npos);
  CHECK(json.find("\"loopback\": {\"ran\": true, \"error\": null, \"address\": "
                  "\"127.0.0.1\", \"port\": 40000, \"bytes\": 16384, \"diag_error\": null, "
                  "\"client\": {\"inode\": 11, \"mode\": \"TCP\", \"fallback_reason\": "
                  "50528256, \"fallback_name\": \"NOSMCDEV\", \"peer_diagnosis\": 0, "
                  "\"peer_diagnosis_name\": null}, \"server\": {\"inode\": 12, \"mode\": "
                  "\"TCP\", \"fallback_reason\": 83886080, \"fallback_name\": \"PEERDECL\", "
                  "\"peer_diagnosis\": 50528256, \"peer_diagnosis_name\": \"NOSMCDEV\"}}") !=
        std::string::npos);
  CHECK(json.find("\"ueids\": [\"SMC-RUN-TESTBED\"]") != std::string::npos);
  CHECK(json.find("\"seid\": {\"seid\": null, \"enabled\": false}") != std::string::npos);
  CHECK(json.find("\"sysctls\": {\"net.smc.odd\": \"a\\\"b\\\\c\\td\\u0001\", "
                  "\"net.smc.gone\": null, \"net.core.rmem_max\": \"4194304\", "
                  "\"net.core.wmem_max\": \"212992\"}\n}\n") != std::string::npos);
  // Facts that could not be gathered are null, not missing.
  const Facts none = no_smc_host();
  const std::string bare = render_json(evaluate(none), none);
  for (const char* key : {"\"smcd_devices\": null", "\"smcr_devices\": null",
                          "\"ueids\": null", "\"seid\": null", "\"reason\": null",
                          "\"verdict\": \"none\"", "\"client\": null"}) {
    CAPTURE(key);
    CHECK(bare.find(key) != std::string::npos);
  }
}

TEST_CASE("smc_chk names errnos by their symbol") {
  CHECK(errno_text(EAFNOSUPPORT) == "EAFNOSUPPORT (Address family not supported by protocol)");
  CHECK(errno_text(ECONNREFUSED) == "ECONNREFUSED (Connection refused)");
  CHECK(errno_text(9999).starts_with("errno 9999 ("));
}

}  // namespace
}  // namespace smc
