// Gathering smc_chk's facts from the running kernel. Reading never changes
// anything, with one exception the kernel makes: as root, asking for
// AF_SMC, IPPROTO_SMC or SMC_DIAG loads the smc and smc_diag modules on
// demand (request_module), and the smc module check says so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/toolbox/smc_chk/command_line.h"
#include "core/toolbox/smc_chk/smc_chk.h"

namespace smc {

// Fails, as smc_chk's own failure, only when it cannot check at all:
// /proc/modules unreadable (no /proc), or out of descriptors or memory.
// The live test is over 127.0.0.1, or with -C to the peer `options` name.
Result<Facts> gather_facts(const SmcChkOptions& options);

// The module names in /proc/modules text (the first word of each line).
std::vector<std::string> module_names(std::string_view proc_modules);

// Whether modules.builtin text lists `module` ("kernel/net/smc/smc.ko").
bool listed_as_built_in(std::string_view modules_builtin, std::string_view module);

// A sysctl file's content as one line: tabs (between the values of
// multi-value sysctls) become spaces, the trailing newline goes.
std::string sysctl_line(std::string_view content);

}  // namespace smc
