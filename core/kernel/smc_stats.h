// The kernel's SMC statistics for this network namespace
// (net/smc/smc_stats.c): SMC_NETLINK_GET_STATS counts per mechanism the
// handshakes that ended on SMC, data and buffer use; SMC_NETLINK_GET_FBACK_
// STATS counts fallbacks to TCP by reason. They grow from the smc module's
// load; Linux 6.12 has no way to reset them.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "base/smc_abi.h"
#include "core/common/result.h"
#include "core/kernel/netlink.h"

namespace smc {

// Counts by size, SMC_NLA_STATS_PLOAD_*: bucket i holds sizes up to
// 8 KiB << i, the last one those above 1 MiB.
using SizeBuckets = std::array<std::uint64_t, kSmcStatsBuckets>;

// SMC_NLA_STATS_RMB_*: events of one direction's buffers.
struct BufferEvents {
  std::uint64_t too_small_peer = 0;  // a send larger than the peer's buffer
  std::uint64_t too_small = 0;       // ... than our own
  std::uint64_t full_peer = 0;       // the peer's buffer was full
  std::uint64_t full = 0;            // ours was
  std::uint64_t reused = 0;          // a new connection got an old buffer
  std::uint64_t allocated = 0;
  std::uint64_t downgraded = 0;      // smaller than asked for: memory was short
};

// SMC_NLA_STATS_SMCD_TECH or _SMCR_TECH.
struct MechanismStats {
  SizeBuckets tx_buffer_sizes{};   // send buffers made (T_TX_RMB_SIZE)
  SizeBuckets rx_buffer_sizes{};   // receive buffers (RMBs, DMBs)
  SizeBuckets tx_request_sizes{};  // send calls by size asked
  SizeBuckets rx_request_sizes{};  // receive calls by size got
  BufferEvents tx_buffer;
  BufferEvents rx_buffer;
  std::uint64_t client_v1 = 0;  // handshakes that ended on SMC, by side
  std::uint64_t client_v2 = 0;  // and version
  std::uint64_t server_v1 = 0;
  std::uint64_t server_v2 = 0;
  std::uint64_t sendpage = 0;   // special calls; sendpage is always 0 now
  std::uint64_t splice = 0;
  std::uint64_t cork = 0;
  std::uint64_t nodelay = 0;
  std::uint64_t urgent = 0;
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  std::uint64_t rx_calls = 0;
  std::uint64_t tx_calls = 0;
  std::uint64_t rx_buffer_use = 0;  // bytes of buffers in use now: gauges
  std::uint64_t tx_buffer_use = 0;
};

// One reason's fallbacks on one side. The kernel counts each in 16 bits,
// so a reason's count wraps after 65535; the totals do not.
struct FallbackReason {
  std::uint32_t code = 0;  // SMC_CLC_DECL_*
  std::uint64_t count = 0;
};

struct SmcStats {
  MechanismStats smcd;
  MechanismStats smcr;
  std::uint64_t client_handshake_errors = 0;
  std::uint64_t server_handshake_errors = 0;
  std::uint64_t client_fallbacks = 0;
  std::uint64_t server_fallbacks = 0;
  std::vector<FallbackReason> client_reasons;  // in the kernel's order
  std::vector<FallbackReason> server_reasons;
};

// Reads one SMC_NETLINK_GET_STATS message into `stats` (the fallback
// fields untouched); false when it holds no statistics or is malformed.
bool parse_stats(const NetlinkMessage& message, SmcStats& stats);

// Adds one SMC_NETLINK_GET_FBACK_STATS message's reason (and the totals,
// which only the first carries) to `stats`; false when malformed.
bool parse_fallback_stats(const NetlinkMessage& message, SmcStats& stats);

// Both dumps. Fails as core/smc_genl does ("smc module not loaded").
Result<SmcStats> read_smc_stats(int* errno_out = nullptr);

}  // namespace smc
