#include "core/ld_preload/ld_preload.h"

#include <unistd.h>

#include <charconv>

#include "core/blob/blob.h"

namespace smc {

std::vector<std::string_view> split_ld_preload(std::string_view value) {
  std::vector<std::string_view> entries;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t end = value.find_first_of(": ", start);
    const std::size_t stop = end == std::string_view::npos ? value.size() : end;
    if (stop > start) entries.push_back(value.substr(start, stop - start));
    start = stop + 1;
  }
  return entries;
}

ComposedPreload compose_ld_preload(
    const char* existing, std::string_view ours,
    const std::function<bool(std::string_view)>& is_ours) {
  ComposedPreload result;
  if (existing != nullptr) {
    for (std::string_view entry : split_ld_preload(existing)) {
      if (is_ours(entry)) {
        result.dropped.emplace_back(entry);
        continue;
      }
      result.value.append(entry).push_back(':');
    }
  }
  result.value.append(ours);
  return result;
}

std::optional<int> proc_self_fd(std::string_view entry) {
  constexpr std::string_view kPrefix = "/proc/self/fd/";
  if (!entry.starts_with(kPrefix)) return std::nullopt;
  const std::string_view digits = entry.substr(kPrefix.size());
  int fd = -1;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), fd);
  if (error != std::errc() || end != digits.data() + digits.size() ||
      digits.empty() || fd < 0) {
    return std::nullopt;
  }
  return fd;
}

bool names_our_library(std::string_view entry) {
  const std::size_t slash = entry.rfind('/');
  const std::string_view base =
      slash == std::string_view::npos ? entry : entry.substr(slash + 1);
  if (base == kPreloadLibraryName) return true;
  if (!proc_self_fd(entry)) return false;
  // An open memfd reads back as "/memfd:NAME (deleted)" (mm/memfd.c names
  // it "memfd:" + NAME on the internal shmem mount).
  char target[256];
  const ssize_t n =
      readlink(std::string(entry).c_str(), target, sizeof target - 1);
  if (n <= 0) return false;
  const std::string_view link(target, static_cast<std::size_t>(n));
  const std::string memfd = std::string("/memfd:") + kPreloadLibraryName;
  return link == memfd || link == memfd + " (deleted)";
}

}  // namespace smc
