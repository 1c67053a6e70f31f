#pragma once

namespace smc {

// Printed by -v; bump with each release.
inline constexpr char kVersion[] = "0.1.0";

}  // namespace smc
