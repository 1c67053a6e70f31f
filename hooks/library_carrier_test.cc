#include "hooks/library_carrier.h"

#include <doctest/doctest.h>

namespace smc {
namespace {

TEST_CASE("a child gets our descriptor only while it is ours, survives exec and is left alone") {
  constexpr bool T = true;
  constexpr bool F = false;
  const struct {
    CarrierFacts facts;  // memfd_ours, survives, untouched, file_intact, can_copy
    Carrier carrier;
    const char* why;
  } rows[] = {
      {{T, T, T, F, T}, Carrier::kDescriptor, "the launcher's memfd, untouched"},
      {{T, F, T, F, T}, Carrier::kDuplicate, "FD_CLOEXEC set (close_range, GLib)"},
      {{T, T, F, F, T}, Carrier::kDuplicate, "a file action opens, dup2s or closes it"},
      {{T, F, F, F, T}, Carrier::kDuplicate, "both"},
      {{F, F, F, F, T}, Carrier::kFreshCopy, "closed, or its number reused"},
      {{F, F, F, F, F}, Carrier::kNone, "closed, and no bytes to copy"},
      {{F, F, F, T, T}, Carrier::kPath, "loaded from a file that still holds it"},
      {{F, F, F, F, T}, Carrier::kFreshCopy, "loaded from a file replaced since"},
      {{T, T, T, T, T}, Carrier::kDescriptor, "a copy made earlier wins over the file"},
      {{T, F, T, T, T}, Carrier::kDuplicate, "... also when it needs duplicating"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.why);
    CHECK(choose_carrier(row.facts) == row.carrier);
  }
}

}  // namespace
}  // namespace smc
