// Text we write about user input: a quoted argument never breaks the line
// and shows no raw byte (no control character, nothing that is not UTF-8:
// core/quote, the library's printable log text, smcd's errors), a UEID is
// either refused or 32 characters the kernel accepts, and a JSON string
// (the roles' --json, the summary's program name) is valid JSON whatever
// the bytes, the summary line whole.
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/summary.h"
#include "base/text_writer.h"
#include "core/common/quote.h"
#include "core/kernel/ueid.h"
#include "core/toolbox/json.h"
#include "core/toolbox/smcd/smcd.h"

namespace {

// The length of the well-formed UTF-8 character at s[0..n), 0 if none
// (written apart from base/json_escape.cc, so that it checks rather than
// repeats it).
size_t utf8_char(const unsigned char* s, size_t n) {
  if (s[0] < 0x80) return 1;
  const size_t length = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
  if (s[0] < 0xc2 || s[0] > 0xf4 || n < length) return 0;
  uint32_t cp = s[0] & (0x7f >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = cp << 6 | (s[i] & 0x3f);
  }
  const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < least[length] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return length;
}

// Whether text[0..n) is the inside of a JSON string (RFC 8259, section 7)
// in UTF-8.
bool json_string_body(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    if (s[i] == '\\') {
      if (i + 1 >= text.size()) return false;
      const char e = static_cast<char>(s[i + 1]);
      if (e == 'u') {
        if (i + 6 > text.size()) return false;
        for (size_t k = i + 2; k < i + 6; ++k) {
          if (!std::isxdigit(s[k])) return false;
        }
        i += 6;
      } else if (std::string_view("\"\\/bfnrt").find(e) != std::string_view::npos) {
        i += 2;
      } else {
        return false;
      }
      continue;
    }
    if (s[i] < 0x20 || s[i] == '"') return false;
    const size_t length = utf8_char(s + i, text.size() - i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

// Whether text is printable UTF-8 on one line: no control character, every
// byte part of a well-formed character.
bool printable_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    if (s[i] < 0x20 || s[i] == 0x7f) return false;
    const size_t length = utf8_char(s + i, text.size() - i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

void check_printable(std::string_view text) {
  if (!printable_utf8(smc::shell_quote(text)) || !printable_utf8(smc::quote_value(text)) ||
      !printable_utf8(smc::printable(text))) {
    std::abort();
  }
  // The library's log text, in buffers of every size up to the text's.
  char buffer[512];
  const size_t capacity = 1 + text.size() % sizeof buffer;
  smc::TextWriter w(buffer, capacity);
  w.printable(text.data(), text.size());
  if (w.size() >= capacity || !printable_utf8(std::string_view(w.data(), w.size()))) {
    std::abort();
  }
  const std::vector<std::string> args = {"ueid", "del", std::string(text)};
  const auto smcd = smc::run_smcd(args);
  if (!smcd.ok() && !printable_utf8(smcd.error().message)) std::abort();
}

void check_json(std::string_view text) {
  const std::string quoted = smc::json_string(text);
  if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"' ||
      !json_string_body(std::string_view(quoted).substr(1, quoted.size() - 2))) {
    std::abort();
  }
  const std::string name(text.substr(0, text.find('\0')));
  char line[smc::kSummaryJsonMax];
  const size_t length = smc::summary_json(smc::SummaryCounts{}, 1, name.c_str(), line);
  const std::string_view out(line, length);
  const std::string_view head = "{\"pid\":1,\"program\":\"";
  const size_t end = out.find("\",\"sockets\":");
  if (length >= sizeof line || !out.starts_with(head) || !out.ends_with("}}\n") ||
      end == std::string_view::npos ||
      !json_string_body(out.substr(head.size(), end - head.size()))) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string quoted = smc::shell_quote(text);
  if (quoted.find('\n') != std::string::npos || quoted.empty()) std::abort();
  const auto ueid = smc::make_ueid(text);
  if (ueid.ok()) {
    if (ueid->size() != smc::kEidLength) std::abort();
    for (const char c : *ueid) {
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == ' ';
      if (!ok) std::abort();
    }
  } else if (ueid.error().message.find('\n') != std::string::npos) {
    std::abort();
  }
  check_json(text);
  check_printable(text);
  return 0;
}
