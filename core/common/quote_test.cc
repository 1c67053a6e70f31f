#include "core/common/quote.h"

#include <doctest/doctest.h>

namespace smc {
namespace {

TEST_CASE("shell quoting keeps plain words and quotes the rest on one line") {
  struct Row {
    const char* word;
    const char* quoted;
  };
  const Row rows[] = {
      {"python3", "python3"},
      {"/usr/bin/curl", "/usr/bin/curl"},
      {"--port=8080", "--port=8080"},
      {"a b", "'a b'"},
      {"$HOME", "'$HOME'"},
      {"*", "'*'"},
      {"\"q\"", "'\"q\"'"},
      {"it's", "$'it\\'s'"},
      {"two\nlines", "$'two\\nlines'"},
      {"tab\there", "$'tab\\there'"},
      {"back\\slash\n", "$'back\\\\slash\\n'"},
      {"\x01", "$'\\x01'"},
      {"caf\xc3\xa9", "'caf\xc3\xa9'"},
      {"\xff", "$'\\xff'"},
      {"a\xc3", "$'a\\xc3'"},
      {"\xed\xa0\x80", "$'\\xed\\xa0\\x80'"},  // a UTF-16 surrogate
  };
  for (const Row& row : rows) {
    CAPTURE(row.word);
    CHECK(shell_quote(row.word) == row.quoted);
    CHECK(shell_quote(row.word).find('\n') == std::string::npos);
  }
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote(std::vector<std::string>{"python3", "-c", "print(1)\nprint(2)"}) ==
        "python3 -c $'print(1)\\nprint(2)'");
}

TEST_CASE("values in messages stay on one line, quoted or not") {
  CHECK(quote_value("1g") == "'1g'");
  CHECK(quote_value("") == "''");
  CHECK(quote_value("a b") == "'a b'");
  CHECK(quote_value("-\nx") == "$'-\\nx'");
  CHECK(quote_value("it's") == "$'it\\'s'");
  CHECK(printable("curl") == "curl");
  CHECK(printable("/tmp/a b") == "/tmp/a b");
  CHECK(printable("two\nlines") == "$'two\\nlines'");
}

TEST_CASE("bytes that are not UTF-8 are escaped, never shown raw") {
  CHECK(quote_value("\xff") == "$'\\xff'");
  CHECK(quote_value("caf\xc3\xa9") == "'caf\xc3\xa9'");
  CHECK(quote_value("\xc0\x80") == "$'\\xc0\\x80'");  // overlong NUL
  CHECK(printable("\xfe\xff") == "$'\\xfe\\xff'");
  CHECK(printable("na\xc3\xafve") == "na\xc3\xafve");
}

}  // namespace
}  // namespace smc
