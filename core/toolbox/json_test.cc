#include "core/toolbox/json.h"

#include <doctest/doctest.h>

#include <string>

namespace smc {
namespace {

TEST_CASE("json strings escape quotes, backslashes and control characters") {
  struct Row {
    std::string text;
    const char* json;
  };
  const Row rows[] = {
      {"", R"("")"},
      {"plain text 123", R"("plain text 123")"},
      {"say \"hi\"", R"("say \"hi\"")"},
      {"C:\\dir", R"("C:\\dir")"},
      {"a\nb\tc\rd", R"("a\nb\tc\rd")"},
      {std::string("nul\0here", 8), R"("nul\u0000here")"},
      {"\x01\x1f\x7f", R"("\u0001\u001f\u007f")"},
      // Valid UTF-8 passes through: 2, 3 and 4 byte sequences.
      {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.json);
    CHECK(json_string(row.text) == row.json);
  }
}

TEST_CASE("json strings replace bytes that are not UTF-8") {
  const std::string fffd = "\xef\xbf\xbd";
  struct Row {
    std::string text;
    std::string json;
  };
  const Row rows[] = {
      {"\xff", "\"" + fffd + "\""},
      {"a\x80z", "\"a" + fffd + "z\""},
      // A cut sequence at the end, an overlong '/', a UTF-16 surrogate,
      // and a code point above U+10FFFF: each byte replaced.
      {"\xe2\x82", "\"" + fffd + fffd + "\""},
      {"\xc0\xaf", "\"" + fffd + fffd + "\""},
      {"\xed\xa0\x80", "\"" + fffd + fffd + fffd + "\""},
      {"\xf4\x90\x80\x80", "\"" + fffd + fffd + fffd + fffd + "\""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.json);
    CHECK(json_string(row.text) == row.json);
  }
}

}  // namespace
}  // namespace smc
