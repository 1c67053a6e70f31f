#pragma once

namespace smc {

// Printed by -v; bump with each release. The one place the version is
// written: tools/release names the release files after what -v prints.
inline constexpr char kVersion[] = "0.1.0";

}  // namespace smc
