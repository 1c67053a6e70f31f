#include "base/size.h"

#include <doctest/doctest.h>

#include <string>

namespace smc {
namespace {

struct Case {
  const char* text;
  int bytes;
  SizeError error;
};

TEST_CASE("size parser accepts bytes and k/m suffixes in either case") {
  const Case cases[] = {
      {"1", 1, SizeError::kNone},
      {"4096", 4096, SizeError::kNone},
      {"8k", 8192, SizeError::kNone},
      {"8K", 8192, SizeError::kNone},
      {"256k", 262144, SizeError::kNone},
      {"1m", 1048576, SizeError::kNone},
      {"1M", 1048576, SizeError::kNone},
      {"007", 7, SizeError::kNone},
      {"1023m", 1023 * 1048576, SizeError::kNone},
      {"1073741823", 1073741823, SizeError::kNone},
      {"1048575k", 1048575 * 1024, SizeError::kNone},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const SizeResult r = parse_size(c.text);
    CHECK(r.error == c.error);
    CHECK(r.bytes == c.bytes);
  }
}

TEST_CASE("size parser rejects 1g, signs, hex, spaces, zero and overflow") {
  const Case cases[] = {
      {"", 0, SizeError::kEmpty},
      {"1g", 0, SizeError::kBadSuffix},
      {"1G", 0, SizeError::kBadSuffix},
      {"1kb", 0, SizeError::kBadSuffix},
      {"1kk", 0, SizeError::kBadSuffix},
      {"1 k", 0, SizeError::kBadSuffix},
      {"1 ", 0, SizeError::kBadSuffix},
      {"0x10", 0, SizeError::kBadSuffix},
      {"1.5m", 0, SizeError::kBadSuffix},
      {"12b", 0, SizeError::kBadSuffix},
      {"-1", 0, SizeError::kNotDecimal},
      {"+1", 0, SizeError::kNotDecimal},
      {" 1", 0, SizeError::kNotDecimal},
      {"k", 0, SizeError::kNotDecimal},
      {"m1", 0, SizeError::kNotDecimal},
      {"abc", 0, SizeError::kNotDecimal},
      {"0", 0, SizeError::kZero},
      {"0k", 0, SizeError::kZero},
      {"000m", 0, SizeError::kZero},
      {"1073741824", 0, SizeError::kTooLarge},
      {"1024m", 0, SizeError::kTooLarge},
      {"1048576k", 0, SizeError::kTooLarge},
      {"2147483647", 0, SizeError::kTooLarge},
      {"4294967296", 0, SizeError::kTooLarge},
      {"99999999999999999999999999999999", 0, SizeError::kTooLarge},
      {"18446744073709551617k", 0, SizeError::kTooLarge},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const SizeResult r = parse_size(c.text);
    CHECK(r.error == c.error);
  }
}

TEST_CASE("size parser reads exactly the given length") {
  const char text[] = {'6', '4', 'k', 'X'};
  CHECK(parse_size(text, 3).bytes == 65536);
  CHECK(parse_size(text, 4).error == SizeError::kBadSuffix);
  CHECK(parse_size(text, 0).error == SizeError::kEmpty);
}

TEST_CASE("every size error has its own description") {
  const SizeError errors[] = {SizeError::kEmpty, SizeError::kNotDecimal,
                              SizeError::kBadSuffix, SizeError::kZero,
                              SizeError::kTooLarge};
  for (SizeError a : errors) {
    for (SizeError b : errors) {
      if (a != b) CHECK(std::string(describe(a)) != describe(b));
    }
  }
}

}  // namespace
}  // namespace smc
