// The SIZE parser: any text either fails or gives 1..kMaxBufferSize bytes
// that read back the same when written in plain decimal.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/size.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto* text = reinterpret_cast<const char*>(data);
  const smc::SizeResult r = smc::parse_size(text, size);
  if (r.error == smc::SizeError::kNone) {
    if (r.bytes < 1 || r.bytes > smc::kMaxBufferSize) std::abort();
    const std::string decimal = std::to_string(r.bytes);
    const smc::SizeResult again = smc::parse_size(decimal.c_str());
    if (again.error != smc::SizeError::kNone || again.bytes != r.bytes) std::abort();
  } else if (smc::describe(r.error)[0] == '\0') {
    std::abort();
  }
  return 0;
}
