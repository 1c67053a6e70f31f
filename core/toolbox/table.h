// Rows of words in left-aligned columns, for the toolbox's tables.
#pragma once

#include <string>
#include <vector>

namespace smc {

// Each row on a line, each column as wide as its widest word plus one
// space, trailing blanks cut.
std::string columns(const std::vector<std::vector<std::string>>& rows);

}  // namespace smc
