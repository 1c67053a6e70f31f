// Argument vectors for the command line tests, and how a table row names
// its vector in a failure message: "[-r][1k][prog]".
#pragma once

#include <string>
#include <vector>

namespace smc::testing {

using Args = std::vector<std::string>;

inline std::string fmt_args(const Args& args) {
  std::string text;
  for (const std::string& a : args) text += "[" + a + "]";
  return text;
}

}  // namespace smc::testing
