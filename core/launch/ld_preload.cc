#include "core/launch/ld_preload.h"

#include <unistd.h>

#include <cstring>

#include "base/preload_list.h"

namespace smc {

ComposedPreload compose_ld_preload(
    const char* existing, std::string_view ours,
    const std::function<bool(std::string_view)>& is_ours) {
  struct Context {
    const std::function<bool(std::string_view)>& is_ours;
    std::vector<std::string> dropped;
  } context{is_ours, {}};
  const PreloadFilter drop = [](const char* entry, std::size_t length,
                                void* c) {
    auto* context = static_cast<Context*>(c);
    if (!context->is_ours(std::string_view(entry, length))) return false;
    context->dropped.emplace_back(entry, length);
    return true;
  };
  const std::string ours_text(ours);
  // The result is never longer than both inputs and a separator.
  std::string out((existing != nullptr ? std::strlen(existing) : 0) +
                      ours_text.size() + 2,
                  '\0');
  const long length = compose_preload(existing, ours_text.c_str(), drop,
                                      &context, out.data(), out.size());
  out.resize(length < 0 ? 0 : static_cast<std::size_t>(length));
  return {std::move(out), std::move(context.dropped)};
}

std::optional<int> proc_self_fd(std::string_view entry) {
  const int fd = smc::proc_self_fd(entry.data(), entry.size());
  if (fd < 0) return std::nullopt;
  return fd;
}

bool names_our_library(std::string_view entry) {
  if (named_like_ours(entry.data(), entry.size())) return true;
  if (!proc_self_fd(entry)) return false;
  char target[256];
  const ssize_t n =
      readlink(std::string(entry).c_str(), target, sizeof target - 1);
  return n > 0 && memfd_of_ours(target, static_cast<std::size_t>(n));
}

}  // namespace smc
