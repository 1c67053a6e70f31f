// smc_chk -S: the other end of smc_chk -C, as in smc-tools. It listens on
// every address of this host, on PORT or the next free port after it,
// echoes whatever each client sends, and prints one line per connection
// with what SMC_DIAG says it used, until SIGINT or SIGTERM. On a host
// without AF_SMC it serves plain TCP and says so, so that clients learn
// what a peer without SMC looks like (PEERNOSMC).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "core/common/result.h"

namespace smc {

Result<Ok> run_server(std::uint16_t first_port, bool ipv6,
                      const std::function<void(std::string_view)>& print);

}  // namespace smc
