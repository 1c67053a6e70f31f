// The LD_PRELOAD composer: any value gives, in a buffer of its own length
// plus ours, entries joined by single ':' with ours last, and never one of
// the dropped entries.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/preload_list.h"

namespace {
bool drop(const char* entry, size_t length, void*) {
  return smc::named_like_ours(entry, length);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string existing(reinterpret_cast<const char*>(data),
                             strnlen(reinterpret_cast<const char*>(data), size));
  const char* ours = "/proc/self/fd/1023";
  std::string out(existing.size() + std::strlen(ours) + 2, '\0');
  const long n = smc::compose_preload(existing.c_str(), ours, drop, nullptr,
                                      out.data(), out.size());
  if (n < 0) std::abort();  // the bound above always fits
  out.resize(static_cast<size_t>(n));
  if (out.empty() || out.front() == ':' || out.find("::") != std::string::npos ||
      out.find(' ') != std::string::npos) {
    std::abort();
  }
  if (out.size() < std::strlen(ours) ||
      out.compare(out.size() - std::strlen(ours), std::string::npos, ours) != 0) {
    std::abort();
  }
  // No kept entry is one the filter drops (ours is last and named apart).
  size_t start = 0;
  while (start < out.size()) {
    const size_t end = out.find(':', start);
    const size_t stop = end == std::string::npos ? out.size() : end;
    if (smc::named_like_ours(out.data() + start, stop - start)) std::abort();
    start = stop + 1;
  }
  (void)smc::preload_has(existing.c_str(), ours);
  (void)smc::proc_self_fd(existing.data(), existing.size());
  return 0;
}
