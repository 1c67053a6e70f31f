#include "core/toolbox/smcss/command_line.h"

#include "core/common/cli.h"

namespace smc {

Result<SmcssOptions> parse_smcss_options(std::span<const std::string> args) {
  SmcssOptions o;
  bool wide = false;
  CommandLine line(CommandLine::Shape::kOptionsOnly);
  line.flag("-a,--all", &o.all);
  line.flag("-l,--listening", &o.listening);
  line.flag("-d,--debug", &o.debug);
  line.flag("-D,--smcd", &o.smcd);
  line.flag("-R,--smcr", &o.smcr);
  line.flag("-j,--json", &o.json);
  // smc-tools truncates addresses unless -W; ours are never truncated.
  line.flag("-W,--wide", &wide);
  line.final_flag("-h,--help", &o.help);
  line.final_flag("-v,--version", &o.version);
  const Result<Ok> parsed = line.parse(args);
  if (!parsed) return parsed.error();
  if (o.help || o.version) return o;
  if (o.all && o.listening) return usage_error("-a and -l exclude each other");
  if (o.smcd && o.smcr) return usage_error("-D and -R exclude each other");
  return o;
}

const std::string& smcss_usage() {
  static const std::string text =
      R"(Usage: smcss [-adDjlRW]

List SMC sockets with what the kernel reports for each (SMC_DIAG): state,
owner, inode, addresses and mode - SMCD, SMCR, or TCP with the reason the
connection fell back. Without options, listening sockets are left out.

Options:
  -a, --all        list every SMC socket, listening ones included
  -l, --listening  list listening sockets only
  -d, --debug      add shutdown state, token and buffer sizes
  -D, --smcd       list SMC-D sockets only
  -R, --smcr       list SMC-R sockets only, with their link group (LG-ID),
                   RDMA device and port, link and GIDs
  -j, --json       print one JSON array, for scripts
  -W, --wide       accepted for smc-tools; addresses are never cut
  -h, --help       print this help and exit
  -v, --version    print the version and exit

Exit status: 0 on success, 1 for invalid options, 125 when SMC sockets
cannot be listed (e.g. no smc_diag module). Errors go to stderr.
)";
  return text;
}

}  // namespace smc
