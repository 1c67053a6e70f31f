#include "base/json_escape.h"

namespace smc {
namespace {

// The length of the well-formed UTF-8 sequence at the start of `s`, 0 when
// it is not one (Unicode 15, table 3-7: no overlong forms, no surrogates,
// nothing above U+10FFFF).
std::size_t utf8_length(const unsigned char* s, std::size_t size) {
  const unsigned char b0 = s[0];
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    length = 2;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    if (b0 == 0xe0) low = 0xa0;
    if (b0 == 0xed) high = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    if (b0 == 0xf0) low = 0x90;
    if (b0 == 0xf4) high = 0x8f;
  } else {
    return 0;
  }
  if (size < length) return 0;
  if (s[1] < low || s[1] > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (s[i] < 0x80 || s[i] > 0xbf) return 0;
  }
  return length;
}

std::size_t copy(const char* from, std::size_t length, char* out,
                 std::size_t* written) {
  for (std::size_t i = 0; i < length; ++i) out[i] = from[i];
  *written = length;
  return length;
}

// The escape of an ASCII byte that JSON does not take as it is, or nullptr.
const char* named_escape(unsigned char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
  }
  return nullptr;
}

}  // namespace

std::size_t escape_json_char(const char* text, std::size_t length,
                             char out[kMaxJsonEscape], std::size_t* written) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text);
  const unsigned char c = bytes[0];
  if (c >= 0x80) {
    const std::size_t sequence = utf8_length(bytes, length);
    if (sequence > 0) return copy(text, sequence, out, written);
    copy("\xef\xbf\xbd", 3, out, written);  // U+FFFD REPLACEMENT CHARACTER
    return 1;
  }
  if (const char* name = named_escape(c)) {
    copy(name, 2, out, written);
    return 1;
  }
  if (c < 0x20 || c == 0x7f) {
    static constexpr char kHex[] = "0123456789abcdef";
    const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
    copy(escaped, sizeof escaped, out, written);
    return 1;
  }
  return copy(text, 1, out, written);
}

}  // namespace smc
