// What --mechanism (or SMC_MECHANISM) asks for; the choice itself, with
// the facts of the host and PROGRAM, is core/launch/mechanism.h.
#pragma once

#include <optional>
#include <string_view>

namespace smc {

enum class MechanismRequest { kAuto, kPreload, kSeccomp, kBpf };

// "auto", "preload", "seccomp" or "bpf", exactly.
std::optional<MechanismRequest> parse_mechanism(std::string_view text);

}  // namespace smc
