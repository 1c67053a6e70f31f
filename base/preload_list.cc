#include "base/preload_list.h"

namespace smc {
namespace {

bool is_separator(char c) { return c == ':' || c == ' '; }

std::size_t length_of(const char* s) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

bool equal(const char* a, std::size_t a_length, const char* b,
           std::size_t b_length) {
  if (a_length != b_length) return false;
  for (std::size_t i = 0; i < a_length; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Calls `visit` for every non-empty entry; stops when it returns false.
template <typename Visit>
bool for_each_entry(const char* value, Visit visit) {
  if (value == nullptr) return true;
  const char* p = value;
  while (*p != '\0') {
    while (is_separator(*p)) ++p;
    const char* start = p;
    while (*p != '\0' && !is_separator(*p)) ++p;
    if (p > start && !visit(start, static_cast<std::size_t>(p - start))) {
      return false;
    }
  }
  return true;
}

}  // namespace

long compose_preload(const char* existing, const char* ours,
                     PreloadFilter drop, void* context, char* out,
                     std::size_t capacity) {
  std::size_t used = 0;
  auto append = [&](const char* text, std::size_t length) {
    // One byte stays for the NUL.
    if (used + length + 1 > capacity) return false;
    for (std::size_t i = 0; i < length; ++i) out[used++] = text[i];
    return true;
  };
  auto append_entry = [&](const char* text, std::size_t length) {
    return (used == 0 || append(":", 1)) && append(text, length);
  };
  const bool fits = for_each_entry(existing, [&](const char* e, std::size_t n) {
    if (drop != nullptr && drop(e, n, context)) return true;
    return append_entry(e, n);
  });
  const std::size_t ours_length = ours != nullptr ? length_of(ours) : 0;
  if (!fits || (ours_length > 0 && !append_entry(ours, ours_length))) {
    return -1;
  }
  if (capacity == 0) return -1;
  out[used] = '\0';
  return static_cast<long>(used);
}

bool preload_any(const char* value, PreloadFilter match, void* context) {
  return !for_each_entry(value, [&](const char* e, std::size_t n) {
    return !match(e, n, context);
  });
}

bool preload_has(const char* value, const char* entry) {
  const std::size_t length = length_of(entry);
  return !for_each_entry(value, [&](const char* e, std::size_t n) {
    return !equal(e, n, entry, length);
  });
}

int proc_self_fd(const char* entry, std::size_t length) {
  constexpr char kPrefix[] = "/proc/self/fd/";
  constexpr std::size_t kPrefixLength = sizeof kPrefix - 1;
  if (length <= kPrefixLength || !equal(entry, kPrefixLength, kPrefix, kPrefixLength)) {
    return -1;
  }
  long fd = 0;
  for (std::size_t i = kPrefixLength; i < length; ++i) {
    if (entry[i] < '0' || entry[i] > '9') return -1;
    fd = fd * 10 + (entry[i] - '0');
    if (fd > 0x7fffffff) return -1;
  }
  return static_cast<int>(fd);
}

bool named_like_ours(const char* entry, std::size_t length) {
  std::size_t start = length;
  while (start > 0 && entry[start - 1] != '/') --start;
  return equal(entry + start, length - start, kLibraryName, sizeof kLibraryName - 1);
}

bool memfd_of_ours(const char* target, std::size_t length) {
  constexpr char kPrefix[] = "/memfd:";
  constexpr char kDeleted[] = " (deleted)";
  constexpr std::size_t kPrefixLength = sizeof kPrefix - 1;
  constexpr std::size_t kNameLength = sizeof kLibraryName - 1;
  if (length < kPrefixLength + kNameLength ||
      !equal(target, kPrefixLength, kPrefix, kPrefixLength) ||
      !equal(target + kPrefixLength, kNameLength, kLibraryName, kNameLength)) {
    return false;
  }
  const std::size_t rest = length - kPrefixLength - kNameLength;
  return rest == 0 || equal(target + length - rest, rest, kDeleted, sizeof kDeleted - 1);
}

}  // namespace smc
