#include "core/quote/quote.h"

#include <fmt/format.h>

namespace smc {

namespace {

bool has_control(std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

std::string escaped(std::string_view word) {
  std::string out = "$'";
  for (const char c : word) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += fmt::format("\\x{:02x}", u);
        } else {
          out += c;
        }
    }
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
  bool needs_escapes = false;
  for (const char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\'') needs_escapes = true;
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
