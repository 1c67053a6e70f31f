#include "base/text_writer.h"

#include <doctest/doctest.h>

#include <string>

namespace smc {
namespace {

std::string text_of(const TextWriter& w) { return std::string(w.data(), w.size()); }

TEST_CASE("text writer joins text, numbers and hex digits") {
  char buffer[64];
  TextWriter w(buffer, sizeof buffer);
  w.str("fd ").num(5).ch(' ').num(-42).str(", ").num(0).ch(' ').hex(0x3f0a).ch(' ').hex(0);
  w.str("abc\0def", 7);
  CHECK(text_of(w) == std::string("fd 5 -42, 0 3f0a 0abc\0def", 25));
  CHECK(std::string(buffer) == "fd 5 -42, 0 3f0a 0abc");  // NUL-ended
  CHECK_FALSE(w.cut());
}

TEST_CASE("text writer writes the extremes of long") {
  char buffer[64];
  TextWriter w(buffer, sizeof buffer);
  w.num(-9223372036854775807L - 1).ch(' ').num(9223372036854775807L).ch(' ').hex(~0UL);
  CHECK(text_of(w) == "-9223372036854775808 9223372036854775807 ffffffffffffffff");
}

TEST_CASE("text writer fills plain text to the end and drops the rest") {
  char buffer[8];
  TextWriter w(buffer, sizeof buffer);
  w.str("abcdefghij").str("xyz").num(1);
  CHECK(text_of(w) == "abcdefg");
  CHECK(buffer[7] == '\0');
  CHECK(w.cut());
}

TEST_CASE("text writer drops a number that does not fit, and all after it") {
  char buffer[8];
  TextWriter w(buffer, sizeof buffer);
  w.str("ab").num(123456).ch('c');
  CHECK(text_of(w) == "ab");
  CHECK(w.cut());
  CHECK(w.room() == 5);
}

TEST_CASE("text writer escapes JSON so that any bytes stay valid") {
  const std::string fffd = "\xef\xbf\xbd";
  struct Row {
    std::string in;
    std::string out;
  };
  const Row rows[] = {
      {"plain", "plain"},
      {"q\"b\\", "q\\\"b\\\\"},
      {"a\nb\tc\rd", "a\\nb\\tc\\rd"},
      {std::string("\0\x01\x1f\x7f", 4), "\\u0000\\u0001\\u001f\\u007f"},
      {"caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80"},
      {"\xff\xfe", fffd + fffd},
      {"\xe2\x82", fffd + fffd},
  };
  for (const Row& row : rows) {
    CAPTURE(row.out);
    char buffer[64];
    TextWriter w(buffer, sizeof buffer);
    w.json(row.in.data(), row.in.size());
    CHECK(text_of(w) == row.out);
  }
}

TEST_CASE("text writer never cuts a JSON escape or character in half") {
  char buffer[6];  // room for 5
  TextWriter w(buffer, sizeof buffer);
  w.json("ab\n\xc3\xa9");  // a b \ n: 4; the 2-byte character does not fit
  CHECK(text_of(w) == "ab\\n");
  CHECK(w.cut());
  char small[4];
  TextWriter v(small, sizeof small);
  v.json("a\x01");  // \u0001 needs 6
  CHECK(text_of(v) == "a");
}

}  // namespace
}  // namespace smc
