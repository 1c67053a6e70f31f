// What a connection became, as the kernel says through SMC_DIAG
// (NETLINK_SOCK_DIAG, net/smc/smc_diag.c): SMC-D, SMC-R, or TCP fallback
// with the decline reason. For the -d line after connect()/accept() and for
// the exit summary; only asked for when one of them is on.
//
// No C++ runtime and no heap: the dump is read into a buffer on the stack.
// Not async-signal-safe (it talks to the kernel over several calls), which
// is fine: it runs only under SMC_DEBUG or SMC_SUMMARY.
#pragma once

#include <cstddef>
#include <cstdint>

namespace smc {

enum class Outcome : unsigned char {
  kUnknown,   // an SMC socket SMC_DIAG did not show (no smc_diag module)
  kSmcD,
  kSmcR,
  kFallback,  // an SMC socket whose connection fell back to TCP
  kTcp,       // a plain TCP socket: SMC was not available, or not asked
};

struct DiagVerdict {
  Outcome outcome;
  std::uint32_t reason;       // SMC_CLC_DECL_* on our side, for kFallback
  std::uint32_t peer_reason;  // ... and the peer's diagnosis
};

// Looks for the socket with `inode` in one chunk of a SOCK_DIAG_BY_FAMILY
// dump. Returns true when found (and fills *verdict). Sets *done when the
// chunk ends the dump (NLMSG_DONE or NLMSG_ERROR) or is malformed. Pure.
bool find_verdict(const unsigned char* data, std::size_t size,
                  std::uint64_t inode, DiagVerdict* verdict, bool* done);

// The request that dumps every SMC socket; returns its length in `out`
// (at least 72 bytes). Pure.
std::size_t verdict_request(unsigned char* out, std::size_t capacity);

// Asks the kernel about the SMC socket with `inode`. kUnknown if it cannot
// say. errno is preserved.
DiagVerdict query_verdict(std::uint64_t inode,
                      int (*real_socket)(int, int, int));

// "PEERNOSMC" for 0x03010000 (SMC_CLC_DECL_* in net/smc/smc_clc.h), or
// nullptr for a code this build does not know. The one table of these
// codes, also smcss's and smc_chk's (core/smc_diag).
const char* decline_name(std::uint32_t code);
// "peer did not indicate SMC" for the same code, or nullptr.
const char* decline_text(std::uint32_t code);

// "SMC-D", "SMC-R", "TCP fallback", "TCP", "unknown".
const char* outcome_name(Outcome outcome);

}  // namespace smc
