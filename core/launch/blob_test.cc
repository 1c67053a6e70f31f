#include "core/launch/blob.h"

#include <doctest/doctest.h>
#include <elf.h>

#include <cstring>

namespace smc {
namespace {

TEST_CASE("embedded preload library is a 64-bit ELF shared object") {
  const auto blob = preload_library();
  REQUIRE(blob.size() > 64);
  CHECK(std::memcmp(blob.data(), "\x7f" "ELF", 4) == 0);
  CHECK(blob[EI_CLASS] == ELFCLASS64);
  Elf64_Ehdr header;  // in this machine's byte order, as its loader reads it
  std::memcpy(&header, blob.data(), sizeof header);
  CHECK(header.e_type == ET_DYN);
}

}  // namespace
}  // namespace smc
