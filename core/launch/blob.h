// The preload library (hooks/), embedded in the executable at build time.
#pragma once

#include <cstddef>
#include <span>

namespace smc {

std::span<const unsigned char> preload_library();

}  // namespace smc
