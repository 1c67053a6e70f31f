#include "core/launch/mechanism_request.h"

namespace smc {

std::optional<MechanismRequest> parse_mechanism(std::string_view text) {
  if (text == "auto") return MechanismRequest::kAuto;
  if (text == "preload") return MechanismRequest::kPreload;
  if (text == "seccomp") return MechanismRequest::kSeccomp;
  if (text == "bpf") return MechanismRequest::kBpf;
  return std::nullopt;
}

}  // namespace smc
