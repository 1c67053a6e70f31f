#include "hooks/child_env.h"

#include <cstdint>

namespace smc {
namespace {

constexpr char kPreload[] = "LD_PRELOAD=";
constexpr std::size_t kPreloadLength = sizeof kPreload - 1;
constexpr std::size_t kMaxAdded = 16;  // LD_PRELOAD and the carried settings

std::size_t length_of(const char* s) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

bool starts_with(const char* s, const char* prefix, std::size_t length) {
  for (std::size_t i = 0; i < length; ++i) {
    if (s[i] != prefix[i]) return false;
  }
  return true;
}

bool same(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

// Whether envp has a variable named as `entry` ("NAME=value") is.
bool has_variable(char* const* envp, const char* entry) {
  std::size_t name = 0;
  while (entry[name] != '\0' && entry[name] != '=') ++name;
  for (; *envp != nullptr; ++envp) {
    if (starts_with(*envp, entry, name + 1)) return true;
  }
  return false;
}

}  // namespace

char* const* child_environment(char* const* envp, const ChildNeeds& needs,
                               void* arena, std::size_t capacity,
                               std::size_t* needed) {
  static char* const kEmpty[] = {nullptr};
  if (envp == nullptr) envp = kEmpty;
  std::size_t count = 0;
  long preload_at = -1;
  for (; envp[count] != nullptr; ++count) {
    if (preload_at < 0 && starts_with(envp[count], kPreload, kPreloadLength)) {
      preload_at = static_cast<long>(count);
    }
  }
  const char* existing = preload_at >= 0 ? envp[preload_at] + kPreloadLength
                                         : nullptr;
  const bool has_ours =
      existing != nullptr && preload_any(existing, needs.is_ours, needs.context);
  // Mend or remove a stale entry always; add one only when inheriting.
  const bool rebuild =
      needs.entry != nullptr ? (has_ours || needs.inherit) : has_ours;

  const char* carried[kMaxAdded];
  std::size_t carried_count = 0;
  if (needs.inherit && needs.carried != nullptr) {
    for (const char* const* c = needs.carried;
         *c != nullptr && carried_count < kMaxAdded - 1; ++c) {
      if (!has_variable(envp, *c)) carried[carried_count++] = *c;
    }
  }
  if (!rebuild && carried_count == 0) return envp;

  // The pointers first, then the new LD_PRELOAD entry.
  const std::size_t pointers = (count + 1 + kMaxAdded) * sizeof(char*);
  const std::size_t text = kPreloadLength +
                           (existing != nullptr ? length_of(existing) : 0) +
                           (needs.entry != nullptr ? length_of(needs.entry) : 0) + 2;
  if (reinterpret_cast<std::uintptr_t>(arena) % alignof(char*) != 0 ||
      capacity < pointers + text) {
    *needed = pointers + text + alignof(char*);
    return nullptr;
  }
  char** out = static_cast<char**>(arena);
  char* preload = static_cast<char*>(arena) + pointers;

  bool replace_preload = false;
  bool drop_preload = false;
  if (rebuild) {
    for (std::size_t i = 0; i < kPreloadLength; ++i) preload[i] = kPreload[i];
    const long n = compose_preload(existing, needs.entry, needs.is_ours,
                                   needs.context, preload + kPreloadLength,
                                   text - kPreloadLength);
    if (n < 0) {  // cannot happen: `text` bounds the result
      *needed = pointers + text + alignof(char*);
      return nullptr;
    }
    drop_preload = n == 0;
    replace_preload = existing == nullptr || !same(existing, preload + kPreloadLength);
    if (drop_preload && existing == nullptr) replace_preload = false;
  }
  if (!replace_preload && carried_count == 0) return envp;

  std::size_t used = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (static_cast<long>(i) == preload_at && replace_preload) {
      if (!drop_preload) out[used++] = preload;
      continue;
    }
    out[used++] = envp[i];
  }
  if (replace_preload && preload_at < 0 && !drop_preload) out[used++] = preload;
  for (std::size_t i = 0; i < carried_count; ++i) {
    out[used++] = const_cast<char*>(carried[i]);
  }
  out[used] = nullptr;
  return out;
}

}  // namespace smc
