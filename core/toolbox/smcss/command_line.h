// smcss's command line, smc-tools' options: smcss [-adDjlRWhv].
#pragma once

#include <span>
#include <string>

#include "core/common/result.h"

namespace smc {

struct SmcssOptions {
  bool all = false;        // -a: every socket, listening ones included
  bool listening = false;  // -l: listening sockets only
  bool debug = false;      // -d: shutdown state and buffer sizes
  bool smcd = false;       // -D: SMC-D sockets only
  bool smcr = false;       // -R: SMC-R sockets only
  bool json = false;       // -j: one JSON array, for scripts
  bool help = false;
  bool version = false;
};

// `args` excludes argv[0].
Result<SmcssOptions> parse_smcss_options(std::span<const std::string> args);

// The smcss -h text; core/toolbox/smcss/smcss.8 follows it.
const std::string& smcss_usage();

}  // namespace smc
