// smc_chk's command line: smc_chk [-hjqv].
#pragma once

#include <span>
#include <string>

#include "core/result/result.h"

namespace smc {

struct SmcChkOptions {
  bool json = false;   // -j: one JSON object, for scripts
  bool quiet = false;  // -q: the verdict line only
  bool help = false;
  bool version = false;
};

// `args` excludes argv[0].
Result<SmcChkOptions> parse_smc_chk_options(std::span<const std::string> args);

// The smc_chk -h text; tools/man/smc_chk.8 follows it.
const std::string& smc_chk_usage();

}  // namespace smc
