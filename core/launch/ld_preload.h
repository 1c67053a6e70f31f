// Builds the LD_PRELOAD value handed to the program: the user's entries,
// unchanged and in order, then ours. Earlier copies of our library (a
// nested smc_run's memfd, or a libsmc-preload.so file from smc-tools or
// --write-lib) are dropped, so the hooks are never stacked twice. The
// splitting and joining is base/preload_list's, shared with the exec
// hooks.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smc {

struct ComposedPreload {
  std::string value;
  std::vector<std::string> dropped;  // entries that were copies of ours
};

// `existing` is the current LD_PRELOAD, nullptr when unset.
ComposedPreload compose_ld_preload(
    const char* existing, std::string_view ours,
    const std::function<bool(std::string_view)>& is_ours);

// The N of "/proc/self/fd/N", if `entry` has that form.
std::optional<int> proc_self_fd(std::string_view entry);

// True for a file named libsmc-preload.so, and for /proc/self/fd/N when fd
// N is open in this process on a memfd of that name. Reads /proc.
bool names_our_library(std::string_view entry);

}  // namespace smc
