// The step connect() and listen() share when SMC_INCLUDE/SMC_EXCLUDE are
// set: decide (hooks/conn_policy.h), replace an SMC socket the policy keeps
// off SMC by a TCP one (hooks/replace_socket.h), and say so under
// SMC_DEBUG, one line per call on a TCP or SMC socket:
//   curl[12]: smc: connect(5, 10.1.2.3:443): excluded by SMC_EXCLUDE 10.0.0.0/8 -> TCP (replaced the SMC socket)
//   python3[34]: smc: listen(3) on 0.0.0.0:8080: not in SMC_INCLUDE -> TCP (not an SMC socket)
#pragma once

#include "hooks/conn_policy.h"
#include "hooks/state.h"

namespace smc {

enum class PolicyRole { kClient, kServer };

// True to go on with the real call; false with errno set when the socket
// had to be replaced and could not be (the call then fails, rather than
// use SMC against the user's policy). Keeps errno otherwise.
bool apply_policy(const State& state, int fd, const Endpoint& endpoint,
                  PolicyRole role);

}  // namespace smc
