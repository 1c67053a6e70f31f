// smc_chk -C's live test: one AF_SMC connection to smc_chk -S on another
// host, which echoes what it receives; 16 KiB go there and must come back
// intact, then SMC_DIAG says what this end of the connection used (and,
// for SMC-R, over which RDMA device). Non-blocking, bounded by one
// deadline: a peer that never answers makes the test fail, never hang.
#pragma once

#include <sys/socket.h>

#include <chrono>
#include <string>

#include "core/toolbox/smc_chk/smc_chk.h"

namespace smc {

// `peer` is an AF_INET or AF_INET6 address with its port; `peer_text`
// names it in messages.
LiveTest run_remote_test(const sockaddr_storage& peer, const std::string& peer_text,
                         std::chrono::milliseconds limit);

}  // namespace smc
