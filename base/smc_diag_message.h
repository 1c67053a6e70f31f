// The one reading of SMC_DIAG replies (NETLINK_SOCK_DIAG, net/smc/
// smc_diag.c), for the library's connection outcomes (base/
// connection_outcome.h) and for smcss and smc_chk (core/smc_diag): the dump
// request for every SMC socket, and one reply message decoded. No
// allocation, no C++ runtime.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/smc_abi.h"

namespace smc {

// The bit of struct smc_diag_req's `ext` that asks for reply attribute
// `attribute` (kSmcDiagConnInfo...): bit (n - 1) for n.
constexpr std::uint8_t smc_diag_extension(std::uint16_t attribute) {
  return static_cast<std::uint8_t>(1u << (attribute - 1));
}

// The payload of the request that dumps every SMC socket (AF_SMC and
// IPPROTO_SMC alike), asking for `extensions` (smc_diag_extension bits).
SmcDiagRequest smc_diag_dump(std::uint8_t extensions);

// One reply message of the dump.
struct SmcDiagReply {
  SmcDiagMessage message;    // its head, as the kernel sent it
  std::uint8_t shutdown;     // from SMC_DIAG_SHUTDOWN; the head's stays 0
  SmcDiagFallback fallback;  // SMC_DIAG_FALLBACK; zeros without one
  bool has_conninfo;         // SMC_DIAG_CONNINFO: asked for, and the
  SmcDiagConnInfo conninfo;  // connection has buffers
  bool has_lgrinfo;          // SMC_DIAG_LGRINFO: asked for, and an SMC-R
  SmcDiagLgrInfo lgrinfo;    // connection with a link group
};

// Decodes the payload of one SOCK_DIAG_BY_FAMILY message. False when it is
// not an SMC socket's (shorter than struct smc_diag_msg, a family other
// than AF_SMC, AF_INET and AF_INET6) or its attributes run past its end.
bool decode_smc_diag(const void* payload, std::size_t size, SmcDiagReply* reply);

}  // namespace smc
