#include "core/common/quote.h"

#include <fmt/format.h>

#include "base/json_escape.h"

namespace smc {

namespace {

// How many bytes of text[at..] form one character shown as it is: 1 for
// printable ASCII, the sequence's length for well-formed UTF-8 (base/
// json_escape.h has the one rule), 0 for a control character or a byte
// that is not UTF-8, which must be escaped: a terminal would act on it,
// and JSON or a log reader could not take it.
std::size_t shown_as_is(std::string_view text, std::size_t at) {
  const auto u = static_cast<unsigned char>(text[at]);
  if (u < 0x20 || u == 0x7f) return 0;
  if (u < 0x80) return 1;
  return utf8_sequence_length(text.data() + at, text.size() - at);
}

bool has_control(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t n = shown_as_is(text, at);
    if (n == 0) return true;
    at += n;
  }
  return false;
}

std::string escaped(std::string_view word) {
  std::string out = "$'";
  for (std::size_t at = 0; at < word.size();) {
    const char c = word[at];
    const std::size_t n = shown_as_is(word, at);
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      default:
        if (n == 0) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out.append(word.substr(at, n));
        }
    }
    at += n == 0 ? 1 : n;
  }
  return out + "'";
}

}  // namespace

std::string quote_value(std::string_view value) {
  if (has_control(value) || value.find('\'') != std::string_view::npos) {
    return escaped(value);
  }
  return fmt::format("'{}'", value);
}

std::string printable(std::string_view value) {
  return has_control(value) ? escaped(value) : std::string(value);
}

std::string shell_quote(std::string_view word) {
  if (word.empty()) return "''";
  bool plain = true;
  const bool needs_escapes =
      has_control(word) || word.find('\'') != std::string_view::npos;
  for (const char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || std::string_view("@%+=:,./_-").find(c) !=
                                 std::string_view::npos)) {
      plain = false;
    }
  }
  if (plain) return std::string(word);
  if (!needs_escapes) return fmt::format("'{}'", word);
  return escaped(word);
}

std::string shell_quote(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) {
    if (!text.empty()) text += ' ';
    text += shell_quote(word);
  }
  return text;
}

}  // namespace smc
