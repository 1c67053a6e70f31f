// The command lines of smc_run, smcss, smc_chk, smcr and smcd: any argument vector (the input
// split at NULs) parses or fails with a one-line message, never a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/launch/command_line.h"
#include "core/toolbox/command_line.h"
#include "core/toolbox/smc_chk/command_line.h"
#include "core/toolbox/smcss/command_line.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args(1);
  for (size_t i = 0; i < size && args.size() < 64; ++i) {
    if (data[i] == 0) {
      args.emplace_back();
    } else {
      args.back().push_back(static_cast<char>(data[i]));
    }
  }
  const auto r = smc::parse_options(args);
  if (!r.ok() && r.error().message.find('\n') != std::string::npos) std::abort();
  if (r.ok() && r->rcvbuf && (r->rcvbuf->bytes < 1 || r->rcvbuf->bytes > 1073741823)) {
    std::abort();
  }
  const auto s = smc::parse_smcss_options(args);
  if (!s.ok() && s.error().message.find('\n') != std::string::npos) std::abort();
  const auto c = smc::parse_smc_chk_options(args);
  if (!c.ok() && c.error().message.find('\n') != std::string::npos) std::abort();
  for (const smc::SmcTech m : {smc::SmcTech::kSmcr, smc::SmcTech::kSmcd}) {
    const auto t = smc::parse_toolbox_command(m, args);
    if (!t.ok() && t.error().message.find('\n') != std::string::npos) std::abort();
  }
  return 0;
}
