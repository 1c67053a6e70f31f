#include "hooks/library_carrier.h"

namespace smc {

Carrier choose_carrier(const CarrierFacts& f) {
  if (f.memfd_ours) {
    return f.survives && f.untouched ? Carrier::kDescriptor : Carrier::kDuplicate;
  }
  // A path never meets a descriptor's troubles; a file replaced since we
  // were loaded from it must not be handed on.
  if (f.file_intact) return Carrier::kPath;
  return f.can_copy ? Carrier::kFreshCopy : Carrier::kNone;
}

}  // namespace smc
