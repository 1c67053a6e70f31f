// SMC_DIAG: what the kernel says about each SMC socket - mode (SMC-D, SMC-R
// or TCP fallback), fallback reasons, state and buffer sizes - over
// NETLINK_SOCK_DIAG (include/uapi/linux/smc_diag.h, net/smc/smc_diag.c).
// This is the ground truth for "did this connection really use SMC".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/decline.h"
#include "base/smc_abi.h"
#include "core/common/result.h"
#include "core/kernel/netlink.h"

namespace smc {

struct SmcBuffers {  // SMC_DIAG_CONNINFO, once the connection has buffers
  std::uint32_t token;
  std::uint32_t sndbuf;     // our send buffer
  std::uint32_t rmbe;       // our receive buffer (RMB element / DMB)
  std::uint32_t peer_rmbe;  // the peer's receive buffer
};

struct SmcLinkInfo {  // SMC_DIAG_LGRINFO, for SMC-R connections
  std::uint8_t role = 0;  // of its link group: kSmcLgrRoleClient or Server
  std::string ib_device;  // "rxe0"
  std::uint8_t ib_port = 0;
  std::uint8_t link_id = 0;
  std::string gid;        // as text
  std::string peer_gid;
  // The link group's id: SMC_DIAG does not say it; smcss finds it in the
  // SMC-R link dump (core/kernel/link_groups.h) by this link.
  std::optional<std::uint32_t> link_group;
};

struct SmcSocket {
  std::uint8_t family = 0;  // AF_SMC, or AF_INET/AF_INET6 for IPPROTO_SMC
  std::uint64_t inode = 0;
  std::uint32_t uid = 0;
  std::uint8_t state = 0;
  std::uint8_t mode = 0;
  std::uint8_t shutdown = 0;  // SHUTDOWN_MASK bits: 1 receive, 2 send
  std::string local;          // "127.0.0.1:8080", "[::1]:8080", "*:8080"
  std::string peer;
  std::uint32_t interface = 0;
  std::uint32_t fallback_reason = 0;  // SMC_CLC_DECL_* on our side
  std::uint32_t peer_diagnosis = 0;   // ... and the peer's
  std::optional<SmcBuffers> buffers;
  std::optional<SmcLinkInfo> link;
};

// A dump of all SMC sockets, asking for connection info (buffer sizes)
// and, for SMC-R connections, the link they use.
NetlinkRequest smc_diag_request();

// One SOCK_DIAG_BY_FAMILY reply message, decoded by base/smc_diag_message;
// nullopt if it is malformed.
std::optional<SmcSocket> parse_smc_diag(Bytes payload);

// Every SMC socket in this network namespace. Fails with a hint when the
// kernel has no SMC_DIAG (smc_diag module not loaded).
Result<std::vector<SmcSocket>> list_smc_sockets();

const char* mode_name(std::uint8_t mode);    // "SMCD", "SMCR", "TCP"
const char* state_name(std::uint8_t state);  // "ACTIVE", "LISTEN", ...

// SMC_CLC_DECL_* codes (net/smc/smc_clc.h): decline_name() "PEERNOSMC" and
// decline_text(), a phrase, come from base/decline.h.
// "0x03010000 PEERNOSMC", or just the hex for unknown codes.
std::string describe_decline(std::uint32_t code);

// What a socket uses, for people: "SMCD", "SMCR", "TCP 0x03010000
// PEERNOSMC" (with the peer's reason after a '/' when it sent one), "-" for
// listening sockets, whose mode means nothing yet. smcss's Mode column.
std::string mode_text(const SmcSocket& socket);

}  // namespace smc
