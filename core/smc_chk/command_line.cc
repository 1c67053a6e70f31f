#include "core/smc_chk/command_line.h"

#include "core/cli/cli.h"

namespace smc {

Result<SmcChkOptions> parse_smc_chk_options(std::span<const std::string> args) {
  SmcChkOptions o;
  CommandLine line(CommandLine::Shape::kOptionsOnly);
  line.flag("-j,--json", &o.json);
  line.flag("-q,--quiet", &o.quiet);
  line.final_flag("-h,--help", &o.help);
  line.final_flag("-v,--version", &o.version);
  const Result<Ok> parsed = line.parse(args);
  if (!parsed) return parsed.error();
  if (o.help || o.version) return o;
  if (o.json && o.quiet) return usage_error("-j and -q exclude each other");
  return o;
}

const std::string& smc_chk_usage() {
  static const std::string text =
      R"(Usage: smc_chk [-jq]

Check whether this host is ready for SMC, then prove it: the smc and
smc_diag modules, AF_SMC and IPPROTO_SMC sockets, SMC-D devices (with
loopback-ism) and SMC-R devices, User EIDs and the system EID, the
net.smc.* sysctls and net.core.rmem_max/wmem_max; last, a live test that
connects two AF_SMC sockets over 127.0.0.1, sends 16 KiB each way, and
reports what SMC_DIAG says the connection used: SMC-D, SMC-R, or TCP with
the reason it fell back. Each check is ok, warn or fail; only the live
test decides the verdict.

Options:
  -j, --json     print one JSON object (verdict, checks, facts), for scripts
  -q, --quiet    print the verdict line only
  -h, --help     print this help and exit
  -v, --version  print the version and exit

Exit status:
  0    the test connection used SMC-D or SMC-R: SMC would be used
  1    invalid options
  2    it did not, or could not be made: the report says why
  125  smc_chk itself failed (e.g. /proc is not mounted)
Errors go to stderr.
)";
  return text;
}

}  // namespace smc
