// Text we write about user input: a quoted argument never breaks the line,
// and a UEID is either refused or 32 characters the kernel accepts.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/quote/quote.h"
#include "core/ueid/ueid.h"

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
  return 0;
}
