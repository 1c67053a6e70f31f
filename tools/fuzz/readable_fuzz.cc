// The hooks' reading of a caller's memory (hooks/readable_memory.h) on
// bytes laid against the end of a mapping, as a string and as an
// environment array: never a fault, and "readable" exactly when the text
// or the array ends (NUL, NULL) before the unreadable page.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "hooks/readable_memory.h"

namespace {
constexpr size_t kPage = 4096;
char* g_edge = nullptr;  // the first unreadable byte

char* edge() {
  if (g_edge == nullptr) {
    void* map = mmap(nullptr, 2 * kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    if (map == MAP_FAILED || mprotect(static_cast<char*>(map) + kPage, kPage, PROT_NONE) != 0) {
      std::abort();
    }
    g_edge = static_cast<char*>(map) + kPage;
  }
  return g_edge;
}
char g_fine[] = "A=1";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kPage) return 0;
  char* text = edge() - size;
  std::memcpy(text, data, size);
  const bool has_nul = std::memchr(data, 0, size) != nullptr;
  if (smc::readable_string(text) != has_nul) std::abort();

  // An array of slots at the edge: byte 0 ends it (NULL), 1 is a bad
  // pointer, anything else a good string.
  const size_t slots = size < kPage / sizeof(char*) ? size : kPage / sizeof(char*);
  auto** array = reinterpret_cast<char**>(edge() - slots * sizeof(char*));
  bool expected = false;
  bool decided = false;
  for (size_t i = 0; i < slots; ++i) {
    array[i] = data[i] == 0 ? nullptr : data[i] == 1 ? reinterpret_cast<char*>(1) : g_fine;
    if (!decided && data[i] <= 1) {
      expected = data[i] == 0;
      decided = true;
    }
  }
  if (smc::readable_environment(array) != expected) std::abort();
  return 0;
}
