// Writing a whole file so that readers see the old or the new content,
// never a mix: --write-lib may replace a library that running programs
// have mapped, and truncating it in place would crash them.
#pragma once

#include <span>
#include <string>

#include "core/result/result.h"

namespace smc {

// Writes `bytes` to a temporary file beside `path` with `mode`, then
// renames it over `path`.
Result<Ok> replace_file(const std::string& path,
                        std::span<const unsigned char> bytes, unsigned mode);

}  // namespace smc
