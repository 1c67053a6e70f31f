#include "hooks/policy_hook.h"

#include <errno.h>

#include <atomic>

#include "hooks/log.h"
#include "hooks/connections.h"
#include "hooks/library_socket.h"
#include "hooks/replace_socket.h"

namespace smc {
namespace {

// libc's socket(), for replacement_socket(); the same in every copy of the
// state, so a plain store is enough.
std::atomic<PlainSocketFn> g_plain_socket{nullptr};

// The replacement's sockets, marked so that a seccomp supervisor under the
// library does not turn them back into SMC (library_socket.h).
int replacement_socket(int domain, int type, int protocol) {
  return library_socket(g_plain_socket.load(std::memory_order_relaxed), domain,
                        type, protocol);
}

void describe_verdict(LogLine& line, const Verdict& verdict) {
  switch (verdict.why) {
    case Verdict::kNoLists:
      line.str("no policy");
      break;
    case Verdict::kIncluded:
      line.str("included by SMC_INCLUDE ").str(verdict.rule->text, verdict.rule->length);
      break;
    case Verdict::kNotExcluded:
      line.str("not in SMC_EXCLUDE");
      break;
    case Verdict::kExcluded:
      line.str("excluded by SMC_EXCLUDE ").str(verdict.rule->text, verdict.rule->length);
      break;
    case Verdict::kNotIncluded:
      line.str("not in SMC_INCLUDE");
      break;
  }
}

}  // namespace

bool apply_policy(const State& state, int fd, const Endpoint& endpoint,
                  PolicyRole role) {
  const StreamKind kind = stream_kind(fd);
  if (kind == StreamKind::kOther) return true;
  const Settings& settings = state.settings;
  if (settings.debug) report_settings_once(settings);
  const Verdict verdict =
      decide_connection(settings.include, settings.exclude, endpoint);

  LogLine line(settings.debug);
  if (line.enabled()) {
    char where[64];
    format_endpoint(endpoint, where, sizeof where);
    if (role == PolicyRole::kClient) {
      line.str("connect(").num(fd).str(", ").str(where).str("): ");
    } else {
      line.str("listen(").num(fd).str(") on ").str(where).str(": ");
    }
    describe_verdict(line, verdict);
  }
  if (kind == StreamKind::kTcp) {
    line.str(" -> TCP (not an SMC socket)");
    line.emit();
    return true;
  }
  if (verdict.smc) {
    line.str(" -> SMC");
    line.emit();
    return true;
  }

  g_plain_socket.store(state.real.socket, std::memory_order_relaxed);
  const Replacement r = replace_with_tcp(fd, replacement_socket);
  // The descriptor is a plain TCP socket now, for the verdicts too.
  if (r.replaced) new_socket(fd, false);
  if (!r.replaced) {
    line.str(" -> TCP failed: ").str(r.step).str("() ").error(r.error);
    line.str(role == PolicyRole::kClient ? "; connect fails" : "; listen fails");
    line.emit();
    errno = r.error;
    return false;
  }
  if (r.error != 0) {
    line.str(" -> TCP, but binding it to its address again failed: ").error(r.error);
    line.str(role == PolicyRole::kClient ? "; connect fails" : "; listen fails");
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
