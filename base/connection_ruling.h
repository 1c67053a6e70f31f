// What a connect() or listen() does with its socket when a connection
// filter is set (SMC_INCLUDE/SMC_EXCLUDE): from what the socket is
// (base/replace_socket.h, stream_kind) and what the filter decided for its
// address (base/connection_filter.h, decide_connection). Decided here
// only; the library's connect() and listen() (hooks/enforce_filter.cc) and
// the seccomp supervisor (core/supervisor/connection_answer.cc) carry the
// ruling out. Pure.
#pragma once

#include "base/connection_filter.h"
#include "base/replace_socket.h"

namespace smc {

enum class ConnectionRuling : unsigned char {
  // Not a TCP or SMC stream (UDP, UNIX, MPTCP, not a socket): the filter
  // has nothing to say about it, and -d says nothing either.
  kUntouched,
  // A TCP socket stays TCP whatever the filter says: smc_run never turns a
  // socket into SMC after socket() (the program may have made it before
  // smc_run could, or SMC was missing).
  kStaysTcp,
  // An SMC socket the filter lets use SMC.
  kStaysSmc,
  // An SMC socket the filter keeps off SMC: replaced by a TCP socket on
  // the same descriptor before the call runs (base/replace_socket.h).
  kReplace,
};

// Whether the filter looks at a socket of this kind at all: only then is
// its address worth reading and the filter worth asking.
bool filter_looks_at(StreamKind kind);

ConnectionRuling rule_on_connection(StreamKind kind, const FilterDecision& decision);

}  // namespace smc
