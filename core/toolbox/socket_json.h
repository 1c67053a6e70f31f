// One SMC socket as a JSON object, for smcss -j and smc_chk -j alike.
#pragma once

#include <string>

#include "core/kernel/smc_diag.h"

namespace smc {

enum class SocketFields {
  kBrief,  // what identifies it and what it became: inode, mode, the
           // fallback reason and the peer's diagnosis with their names
  kFull,   // all SMC_DIAG said: also owner, state, addresses, interface,
           // shutdown and, once connected, token and buffer sizes, and for
           // SMC-R the link ("link": {"link_group", "ib_device", ...})
};

// {"inode": 7, "mode": "TCP", "fallback_reason": 50528256,
// "fallback_name": "NOSMCDEV", ...}; every string escaped (core/json), a
// name the build does not know is null.
std::string socket_json(const SmcSocket& socket, SocketFields fields);

}  // namespace smc
