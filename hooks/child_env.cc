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

// Where envp's LD_PRELOAD entries are. glibc's loader uses the last one
// (elf/rtld.c reads every entry, each overriding the one before), musl's
// the first (getenv): a child gets one, built on the last.
struct PreloadEntries {
  std::size_t count = 0;     // of envp, all entries
  long last = -1;            // index of the last LD_PRELOAD entry
  int entries = 0;           // how many LD_PRELOAD entries
  bool ours_before = false;  // one before the last names our library
};

PreloadEntries find_preloads(char* const* envp, const ChildNeeds& needs) {
  PreloadEntries p;
  for (; envp[p.count] != nullptr; ++p.count) {
    if (!starts_with(envp[p.count], kPreload, kPreloadLength)) continue;
    if (p.last >= 0 && !p.ours_before) {
      p.ours_before = preload_any(envp[p.last] + kPreloadLength, needs.is_ours,
                                  needs.context);
    }
    p.last = static_cast<long>(p.count);
    ++p.entries;
  }
  return p;
}

}  // namespace

char* const* child_environment(char* const* envp, const ChildNeeds& needs,
                               void* arena, std::size_t capacity,
                               std::size_t* needed) {
  static char* const kEmpty[] = {nullptr};
  if (envp == nullptr) envp = kEmpty;
  const PreloadEntries found = find_preloads(envp, needs);
  const std::size_t count = found.count;
  const char* existing = found.last >= 0 ? envp[found.last] + kPreloadLength
                                         : nullptr;
  const bool has_ours =
      existing != nullptr && preload_any(existing, needs.is_ours, needs.context);
  // Mend or remove a stale entry always; add one only when inheriting.
  const bool rebuild =
      needs.entry != nullptr ? (has_ours || needs.inherit) : has_ours;
  // Duplicates go whenever our library is involved in any of them.
  const bool single = found.entries > 1 && (rebuild || found.ours_before);

  const char* carried[kMaxAdded];
  std::size_t carried_count = 0;
  if (needs.inherit && needs.carried != nullptr) {
    for (const char* const* c = needs.carried;
         *c != nullptr && carried_count < kMaxAdded - 1; ++c) {
      if (!has_variable(envp, *c)) carried[carried_count++] = *c;
    }
  }
  if (!rebuild && !single && carried_count == 0) return envp;

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

  bool replace_preload = single;
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
    replace_preload = replace_preload || existing == nullptr ||
                      !same(existing, preload + kPreloadLength);
    if (drop_preload && existing == nullptr) replace_preload = false;
  } else if (single) {
    preload = envp[found.last];  // the last one, as it is
  }
  if (!replace_preload && carried_count == 0) return envp;

  std::size_t used = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const bool is_preload = starts_with(envp[i], kPreload, kPreloadLength);
    if (is_preload && replace_preload) {
      if (static_cast<long>(i) == found.last && !drop_preload) out[used++] = preload;
      continue;
    }
    out[used++] = envp[i];
  }
  if (replace_preload && found.last < 0 && !drop_preload) out[used++] = preload;
  for (std::size_t i = 0; i < carried_count; ++i) {
    out[used++] = const_cast<char*>(carried[i]);
  }
  out[used] = nullptr;
  return out;
}

}  // namespace smc
