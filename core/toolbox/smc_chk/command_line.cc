#include "core/toolbox/smc_chk/command_line.h"

#include <arpa/inet.h>

#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "core/common/cli.h"
#include "core/common/quote.h"

namespace smc {
namespace {

Result<std::uint16_t> port_number(const std::string& text) {
  char* end = nullptr;
  const unsigned long port = std::strtoul(text.c_str(), &end, 10);
  if (text.empty() || text[0] < '0' || text[0] > '9' || *end != '\0' || port == 0 ||
      port > 65535) {
    return usage_error(fmt::format("invalid port {} (1 to 65535)", quote_value(text)));
  }
  return static_cast<std::uint16_t>(port);
}

// -C's address: an IP address, v4 or v6 (a static file resolves no names).
Result<Ok> take_peer(SmcChkOptions& o) {
  std::memset(&o.peer_address, 0, sizeof o.peer_address);
  auto* v4 = reinterpret_cast<sockaddr_in*>(&o.peer_address);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&o.peer_address);
  if (inet_pton(AF_INET, o.peer.c_str(), &v4->sin_addr) == 1) {
    if (o.ipv6) {
      return usage_error(fmt::format("-6 needs an IPv6 address, not {}", quote_value(o.peer)));
    }
    v4->sin_family = AF_INET;
    v4->sin_port = htons(o.port);
    return Ok{};
  }
  if (inet_pton(AF_INET6, o.peer.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(o.port);
    o.ipv6 = true;
    return Ok{};
  }
  return usage_error(fmt::format("-C takes an IP address, not {} (this file resolves no names)",
                                 quote_value(o.peer)));
}

}  // namespace

Result<SmcChkOptions> parse_smc_chk_options(std::span<const std::string> args) {
  SmcChkOptions o;
  bool server = false;
  bool client = false;
  bool port_given = false;
  std::string port;
  CommandLine line(CommandLine::Shape::kOptionsOnly);
  line.flag("-S,--server", &server);
  line.value("-C,--connect", &o.peer, &client);
  line.value("-p,--port", &port, &port_given);
  line.flag("-6,--ipv6", &o.ipv6);
  line.flag("-j,--json", &o.json);
  line.flag("-q,--quiet", &o.quiet);
  line.final_flag("-h,--help", &o.help);
  line.final_flag("-v,--version", &o.version);
  const Result<Ok> parsed = line.parse(args);
  if (!parsed) return parsed.error();
  if (o.help || o.version) return o;
  if (o.json && o.quiet) return usage_error("-j and -q exclude each other");
  if (server && client) return usage_error("-S and -C exclude each other");
  if (port_given) {
    const Result<std::uint16_t> p = port_number(port);
    if (!p) return p.error();
    o.port = *p;
  }
  if (!server && !client && (port_given || o.ipv6)) {
    return usage_error("-p and -6 go with -S or -C");
  }
  if (server && (o.json || o.quiet)) {
    return usage_error("-j and -q go with the checks, not with -S");
  }
  o.mode = server ? ChkMode::kServer : client ? ChkMode::kClient : ChkMode::kLoopback;
  if (client) {
    const Result<Ok> peer = take_peer(o);
    if (!peer) return peer.error();
  }
  return o;
}

const std::string& smc_chk_usage() {
  static const std::string text =
      R"(Usage: smc_chk [-jq]
       smc_chk -S [-p PORT] [-6]
       smc_chk -C IP [-p PORT] [-jq]

Check whether this host is ready for SMC, then prove it: the smc and
smc_diag modules, AF_SMC and IPPROTO_SMC sockets, SMC-D devices (with
loopback-ism) and SMC-R devices, User EIDs and the system EID, the
net.smc.* sysctls and net.core.rmem_max/wmem_max; last, a live test that
connects two AF_SMC sockets over 127.0.0.1, sends 16 KiB each way, and
reports what SMC_DIAG says the connection used: SMC-D, SMC-R (with its
RDMA device), or TCP with the reason it fell back. Each check is ok, warn
or fail; only the live test decides the verdict.

Between two hosts, as smc-tools' smc_chk: run smc_chk -S on one, then
smc_chk -C with its address on the other, which makes the same checks and
its live test with that server; both sides say what each connection used.

Options:
  -S, --server        serve -C clients of other hosts on PORT, or the next
                      free port after it, until interrupted; one line per
                      connection with what SMC_DIAG says it used
  -C, --connect IP    make the live test a connection to smc_chk -S at IP
  -p, --port PORT     the port of -S and -C (default 37373)
  -6, --ipv6          -S listens on IPv6 (an IPv6 IP does the same for -C)
  -j, --json          print one JSON object (verdict, checks, facts), for scripts
  -q, --quiet         print the verdict line only
  -h, --help          print this help and exit
  -v, --version       print the version and exit

Exit status:
  0    the test connection used SMC-D or SMC-R: SMC would be used (-S:
       stopped by SIGINT or SIGTERM)
  1    invalid options
  2    it did not, or could not be made: the report says why
  125  smc_chk itself failed (e.g. /proc is not mounted, -S found no free port)
Errors go to stderr.
)";
  return text;
}

}  // namespace smc
