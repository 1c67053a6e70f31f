#include "base/socket_log.h"

#include "base/decline.h"

namespace smc {

const char* socket_kind_name(SmcSocketKind kind) {
  return kind == SmcSocketKind::kInet ? "IPPROTO_SMC" : "AF_SMC";
}

void describe_call(LogLine& line, const SocketCall& call) {
  line.str("socket(")
      .domain(call.domain)
      .str(", ")
      .type(call.type)
      .str(", ")
      .protocol(call.protocol)
      .str(")");
}

void describe_attempts(LogLine& line, const Attempts& attempts) {
  for (int i = 0; i < attempts.count; ++i) {
    line.str(i == 0 ? " -> " : ", ")
        .str(socket_kind_name(attempts.kind[i]))
        .str(" failed: ")
        .error(attempts.error[i]);
  }
}

void describe_missing(LogLine& line, const Attempts& attempts) {
  line.str("SMC is not available here (");
  for (int i = 0; i < attempts.count; ++i) {
    if (i > 0) line.str(", ");
    line.str(socket_kind_name(attempts.kind[i])).str(": ").error(attempts.error[i]);
  }
  line.str("); TCP sockets stay TCP");
}

void describe_buffer(LogLine& line, const AppliedBuffer& applied) {
  if (applied.bytes == 0) return;
  line.str(", ").str(applied.name).str(" ").num(applied.bytes);
  if (applied.error != 0) line.str(" failed: ").error(applied.error);
}

void describe_made(LogLine& line, int fd, const char* what, const AppliedBuffers& sizes) {
  line.str(" = ").num(fd).str(" -> ").str(what);
  for (const AppliedBuffer& applied : sizes.each) describe_buffer(line, applied);
}

void describe_unchanged(LogLine& line) { line.str(" unchanged"); }

void describe_plain_failure(LogLine& line, int error) {
  line.str(", TCP failed: ").error(error);
}

void describe_no_fallback(LogLine& line) { line.str(" (strict: no TCP fallback)"); }

void describe_filtered_call(LogLine& line, FilterSide side, int fd, const Endpoint& endpoint) {
  if (!line.enabled()) return;
  char where[64];
  format_endpoint(endpoint, where, sizeof where);
  if (side == FilterSide::kClient) {
    line.str("connect(").num(fd).str(", ").str(where).str("): ");
  } else {
    line.str("listen(").num(fd).str(") on ").str(where).str(": ");
  }
}

void describe_decision(LogLine& line, const FilterDecision& decision) {
  switch (decision.why) {
    case FilterDecision::kNoLists:
      line.str("no filter");
      break;
    case FilterDecision::kIncluded:
      line.str("included by SMC_INCLUDE ").str(decision.rule->text, decision.rule->length);
      break;
    case FilterDecision::kNotExcluded:
      line.str("not in SMC_EXCLUDE");
      break;
    case FilterDecision::kExcluded:
      line.str("excluded by SMC_EXCLUDE ").str(decision.rule->text, decision.rule->length);
      break;
    case FilterDecision::kNotIncluded:
      line.str("not in SMC_INCLUDE");
      break;
  }
}

void describe_connection_ruling(LogLine& line, ConnectionRuling ruling) {
  if (ruling == ConnectionRuling::kStaysTcp) line.str(" -> TCP (not an SMC socket)");
  if (ruling == ConnectionRuling::kStaysSmc) line.str(" -> SMC");
}

void describe_outcome(LogLine& line, const ConnectionOutcome& outcome) {
  line.str(": ").str(outcome_name(outcome.outcome));
  if (outcome.outcome == Outcome::kFallback) {
    const char* ours = decline_name(outcome.reason);
    const char* theirs = decline_name(outcome.peer_reason);
    line.str(" (");
    if (ours != nullptr) line.str(ours); else line.num(outcome.reason);
    if (outcome.peer_reason != 0) {
      line.str(", peer ");
      if (theirs != nullptr) line.str(theirs); else line.num(outcome.peer_reason);
    }
    line.str(")");
  } else if (outcome.outcome == Outcome::kTcp) {
    line.str(" (not an SMC socket)");
  } else if (outcome.outcome == Outcome::kUnknown) {
    line.str(" (SMC_DIAG does not show it; modprobe smc_diag)");
  }
}

void describe_replacement(LogLine& line, const Replacement& r, FilterSide side) {
  const char* consequence = side == FilterSide::kClient ? "; connect fails" : "; listen fails";
  if (!r.replaced) {
    line.str(" -> TCP failed: ").str(r.step).str("() ").error(r.error).str(consequence);
    return;
  }
  if (r.error != 0) {
    line.str(" -> TCP, but binding it to its address again failed: ").error(r.error);
    line.str(consequence);
    return;
  }
  line.str(" -> TCP (replaced the SMC socket");
  if (r.failed > 0) {
    line.str("; ").num(r.failed).str(r.failed == 1 ? " option" : " options")
        .str(" not carried over, first ").str(r.first_failed);
  }
  line.str(")");
}

}  // namespace smc
