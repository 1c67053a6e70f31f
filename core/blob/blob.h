// The preload library (hooks/), embedded in the executable at build time.
#pragma once

#include <cstddef>
#include <span>

namespace smc {

std::span<const unsigned char> preload_library();

// The file name users know from smc-tools; also the memfd's name, so that
// /proc/PID/maps shows /memfd:libsmc-preload.so.
inline constexpr char kPreloadLibraryName[] = "libsmc-preload.so";

}  // namespace smc
