#include "hooks/enforce_filter.h"

#include <errno.h>

#include <atomic>

#include "base/connection_ruling.h"
#include "base/log_line.h"
#include "base/replace_socket.h"
#include "base/socket_log.h"
#include "hooks/connections.h"
#include "hooks/library_socket.h"

namespace smc {
namespace {

// libc's socket(), for replacement_socket(); the same in every copy of the
// state, so a plain store is enough.
std::atomic<MakeSocketFn> g_plain_socket{nullptr};

// The replacement's sockets, marked so that a seccomp supervisor under the
// library does not turn them back into SMC (base/library_mark.h).
int replacement_socket(int domain, int type, int protocol) {
  return library_socket(g_plain_socket.load(std::memory_order_relaxed), domain, type,
                        protocol);
}

}  // namespace

bool enforce_filter(const State& state, int fd, const Endpoint& endpoint,
                    FilterSide side) {
  const StreamKind kind = stream_kind(fd);
  if (!filter_looks_at(kind)) return true;
  const Settings& settings = state.settings;
  if (settings.debug) report_settings_once(settings);
  const FilterDecision decision =
      decide_connection(settings.include, settings.exclude, endpoint);
  const ConnectionRuling ruling = rule_on_connection(kind, decision);

  LogLine line(settings.debug);
  describe_filtered_call(line, side, fd, endpoint);
  describe_decision(line, decision);
  if (ruling != ConnectionRuling::kReplace) {
    describe_connection_ruling(line, ruling);
    line.emit();
    return true;
  }

  g_plain_socket.store(state.real.socket, std::memory_order_relaxed);
  const Replacement r = replace_with_tcp(fd, replacement_socket);
  // The descriptor is a plain TCP socket now, for the outcomes too.
  if (r.replaced) new_socket(fd, false);
  describe_replacement(line, r, side);
  line.emit();
  if (r.error != 0) {
    errno = r.error;
    return false;
  }
  return true;
}

}  // namespace smc
