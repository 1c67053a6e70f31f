// The one executable plays several roles, chosen by the name it is run
// under (argv[0]), like busybox. Unknown names, e.g. a renamed copy, get the
// smc_run role.
#pragma once

#include <string_view>

namespace smc {

enum class Role {
  kSmcRun,
};

// The last component of argv[0]: "/usr/local/bin/smc_run" -> "smc_run".
std::string_view program_name(std::string_view argv0);

Role role_for(std::string_view argv0);

}  // namespace smc
