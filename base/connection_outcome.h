// What a connection became, as the kernel says through SMC_DIAG
// (NETLINK_SOCK_DIAG, net/smc/smc_diag.c): SMC-D, SMC-R, or TCP fallback
// with the decline reason. For the library's -d line after connect() and
// accept() and its exit summary; only asked for when one of them is on.
//
// No C++ runtime and no heap: the dump is read into a buffer on the stack.
// Not async-signal-safe (it talks to the kernel over several calls), which
// is fine: it runs only under SMC_DEBUG or SMC_SUMMARY.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/smc_diag_message.h"

namespace smc {

enum class Outcome : unsigned char {
  kUnknown,   // an SMC socket SMC_DIAG did not show (no smc_diag module)
  kSmcD,
  kSmcR,
  kFallback,  // an SMC socket whose connection fell back to TCP
  kTcp,       // a plain TCP socket: SMC was not available, or not asked
};
inline constexpr int kOutcomes = 5;

struct ConnectionOutcome {
  Outcome outcome;
  std::uint32_t reason;       // SMC_CLC_DECL_* on our side, for kFallback
  std::uint32_t peer_reason;  // ... and the peer's diagnosis
};

// What a decoded SMC_DIAG reply says of its connection.
ConnectionOutcome outcome_of(const SmcDiagReply& reply);

// The same from the reply's fields: its diag_mode and, for a fallback, the
// reasons of SMC_DIAG_FALLBACK.
ConnectionOutcome outcome_of_mode(std::uint8_t mode, std::uint32_t reason,
                                  std::uint32_t peer_reason);

// Whether an SMC socket in `state` (diag_state) carries a connection whose
// mode is settled: not one still unconnected (INIT), listening (its mode
// means nothing) or closed.
bool connection_settled(std::uint8_t state);

// Looks for the socket with `inode` in one chunk of a SOCK_DIAG_BY_FAMILY
// dump. Returns true when found (and fills *outcome). Sets *done when the
// chunk ends the dump (NLMSG_DONE or NLMSG_ERROR) or is malformed. Pure.
bool find_outcome(const unsigned char* data, std::size_t size,
                  std::uint64_t inode, ConnectionOutcome* outcome, bool* done);

// The request that dumps every SMC socket; returns its length in `out`
// (at least 72 bytes), 0 when it does not fit. Pure.
std::size_t outcome_request(unsigned char* out, std::size_t capacity);

// Asks the kernel about the SMC socket with `inode`, on a netlink socket
// made with `make_socket` (libc's socket(), not a hook that would convert
// it). kUnknown if it cannot say. errno is preserved.
ConnectionOutcome query_outcome(std::uint64_t inode,
                                int (*make_socket)(int, int, int));

// "SMC-D", "SMC-R", "TCP fallback", "TCP", "unknown".
const char* outcome_name(Outcome outcome);

}  // namespace smc
