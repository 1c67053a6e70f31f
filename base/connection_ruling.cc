#include "base/connection_ruling.h"

namespace smc {

bool filter_looks_at(StreamKind kind) { return kind != StreamKind::kOther; }

ConnectionRuling rule_on_connection(StreamKind kind, const FilterDecision& decision) {
  if (!filter_looks_at(kind)) return ConnectionRuling::kUntouched;
  if (kind == StreamKind::kTcp) return ConnectionRuling::kStaysTcp;
  return decision.smc ? ConnectionRuling::kStaysSmc : ConnectionRuling::kReplace;
}

}  // namespace smc
