// The step connect() and listen() share when SMC_INCLUDE/SMC_EXCLUDE are
// set: decide (base/connection_filter.h), carry out the ruling
// (base/connection_ruling.h: an SMC socket the filter keeps off SMC is
// replaced by a TCP one, base/replace_socket.h), and say so under
// SMC_DEBUG, one line per call on a TCP or SMC socket:
//   curl[12]: smc: connect(5, 10.1.2.3:443): excluded by SMC_EXCLUDE 10.0.0.0/8 -> TCP (replaced the SMC socket)
//   python3[34]: smc: listen(3) on 0.0.0.0:8080: not in SMC_INCLUDE -> TCP (not an SMC socket)
#pragma once

#include "base/connection_filter.h"
#include "hooks/state.h"

namespace smc {

// True to go on with the real call; false with errno set when the socket
// had to be replaced and could not be (the call then fails, rather than
// use SMC against the user's filter). Keeps errno otherwise.
bool enforce_filter(const State& state, int fd, const Endpoint& endpoint,
                    FilterSide side);

}  // namespace smc
