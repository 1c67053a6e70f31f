#include "core/toolbox/json.h"

#include "base/json_escape.h"

namespace smc {

std::string json_string(std::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  std::size_t at = 0;
  while (at < text.size()) {
    char escaped[kMaxJsonEscape];
    std::size_t written = 0;
    at += escape_json_char(text.data() + at, text.size() - at, escaped, &written);
    out.append(escaped, written);
  }
  out += '"';
  return out;
}

}  // namespace smc
