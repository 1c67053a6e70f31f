#include "core/launch/blob.h"

#include <doctest/doctest.h>

#include <cstring>

namespace smc {
namespace {

TEST_CASE("embedded preload library is a 64-bit ELF shared object") {
  const auto blob = preload_library();
  REQUIRE(blob.size() > 64);
  CHECK(std::memcmp(blob.data(), "\x7f" "ELF", 4) == 0);
  CHECK(blob[4] == 2);   // EI_CLASS: ELFCLASS64
  CHECK(blob[16] == 3);  // e_type (little endian): ET_DYN
}

}  // namespace
}  // namespace smc
