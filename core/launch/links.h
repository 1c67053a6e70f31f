// --install-links: links named after the roles (smcss, smcd, smc_chk) to
// the smc_run file, for hosts that want those tools on PATH. The file
// picks its role from the name it is run under (core/roles).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/common/result.h"

namespace smc {

// Makes dir/NAME -> exe for each of `names`, and returns one line per link
// for the user. A link that already points at `exe` is left as it is; any
// other file of that name is an error, never replaced (the error names the
// links this call made before it). Links in exe's own
// folder point at its bare name, so the folder can be moved as a whole.
Result<std::string> install_links(const std::string& exe,
                                  const std::string& dir,
                                  std::span<const std::string_view> names);

}  // namespace smc
