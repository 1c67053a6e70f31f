// Program files as the launcher reads them: any bytes are an ELF file's
// facts or refused, with an interpreter path of bounded length.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "core/launch/elf.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const smc::ReadAt read = [&](uint64_t offset, size_t length, void* out) {
    if (offset > size || length > size - offset) return false;
    if (length > 0) std::memcpy(out, data + offset, length);
    return true;
  };
  if (const auto facts = smc::read_elf(read)) {
    if (facts->interpreter.size() >= 4096) std::abort();
  }
  return 0;
}
