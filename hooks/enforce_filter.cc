#include "hooks/enforce_filter.h"

#include <errno.h>

#include "hooks/connections.h"
#include "hooks/log.h"
#include "hooks/replace_socket.h"

namespace smc {
namespace {

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

}  // namespace

bool enforce_filter(const State& state, int fd, const Endpoint& endpoint,
                    FilterSide side) {
  const StreamKind kind = stream_kind(fd);
  if (kind == StreamKind::kOther) return true;
  const Settings& settings = state.settings;
  if (settings.debug) report_settings_once(settings);
  const FilterDecision decision =
      decide_connection(settings.include, settings.exclude, endpoint);

  LogLine line(settings.debug);
  if (line.enabled()) {
    char where[64];
    format_endpoint(endpoint, where, sizeof where);
    if (side == FilterSide::kClient) {
      line.str("connect(").num(fd).str(", ").str(where).str("): ");
    } else {
      line.str("listen(").num(fd).str(") on ").str(where).str(": ");
    }
    describe_decision(line, decision);
  }
  if (kind == StreamKind::kTcp) {
    line.str(" -> TCP (not an SMC socket)");
    line.emit();
    return true;
  }
  if (decision.smc) {
    line.str(" -> SMC");
    line.emit();
    return true;
  }

  const Replacement r = replace_with_tcp(fd, state.real.socket);
  // The descriptor is a plain TCP socket now, for the outcomes too.
  if (r.replaced) new_socket(fd, false);
  if (!r.replaced) {
    line.str(" -> TCP failed: ").str(r.step).str("() ").error(r.error);
    line.str(side == FilterSide::kClient ? "; connect fails" : "; listen fails");
    line.emit();
    errno = r.error;
    return false;
  }
  if (r.error != 0) {
    line.str(" -> TCP, but binding it to its address again failed: ").error(r.error);
    line.str(side == FilterSide::kClient ? "; connect fails" : "; listen fails");
    line.emit();
    errno = r.error;
    return false;
  }
  line.str(" -> TCP (replaced the SMC socket");
  if (r.failed > 0) {
    line.str("; ").num(r.failed).str(r.failed == 1 ? " option" : " options")
        .str(" not carried over, first ").str(r.first_failed);
  }
  line.str(")");
  line.emit();
  return true;
}

}  // namespace smc
