#include "core/kernel/smc_stats.h"

#include <optional>

#include "core/kernel/genl_reading.h"

namespace smc {
namespace {

using genl::nested;
using genl::number;
using genl::uint_value;

// Nested attributes, or nullopt.
std::optional<std::vector<NetlinkAttribute>> inner(const NetlinkAttribute& a) {
  return split_attributes(a.data, 0);
}

std::uint64_t u64(const NetlinkAttribute& a) {
  return number<std::uint64_t>(a).value_or(0);
}

bool take_buckets(const NetlinkAttribute& a, SizeBuckets& buckets) {
  const auto attributes = inner(a);
  if (!attributes) return false;
  for (const NetlinkAttribute& b : *attributes) {
    const int i = b.type - kSmcNlaStatsPload8K;
    if (i >= 0 && i < kSmcStatsBuckets) buckets[static_cast<std::size_t>(i)] = u64(b);
  }
  return true;
}

bool take_buffer_events(const NetlinkAttribute& a, BufferEvents& events) {
  const auto attributes = inner(a);
  if (!attributes) return false;
  for (const NetlinkAttribute& b : *attributes) {
    switch (b.type) {
      case kSmcNlaStatsRmbSizeSmPeerCnt: events.too_small_peer = u64(b); break;
      case kSmcNlaStatsRmbSizeSmCnt: events.too_small = u64(b); break;
      case kSmcNlaStatsRmbFullPeerCnt: events.full_peer = u64(b); break;
      case kSmcNlaStatsRmbFullCnt: events.full = u64(b); break;
      case kSmcNlaStatsRmbReuseCnt: events.reused = u64(b); break;
      case kSmcNlaStatsRmbAllocCnt: events.allocated = u64(b); break;
      case kSmcNlaStatsRmbDgradeCnt: events.downgraded = u64(b); break;
    }
  }
  return true;
}

// The u64 counter an SMC_NLA_STATS_T_* attribute fills, or nullptr.
std::uint64_t* counter(MechanismStats& m, std::uint16_t type) {
  switch (type) {
    case kSmcNlaStatsTClntV1Succ: return &m.client_v1;
    case kSmcNlaStatsTClntV2Succ: return &m.client_v2;
    case kSmcNlaStatsTSrvV1Succ: return &m.server_v1;
    case kSmcNlaStatsTSrvV2Succ: return &m.server_v2;
    case kSmcNlaStatsTSendpageCnt: return &m.sendpage;
    case kSmcNlaStatsTSpliceCnt: return &m.splice;
    case kSmcNlaStatsTCorkCnt: return &m.cork;
    case kSmcNlaStatsTNdlyCnt: return &m.nodelay;
    case kSmcNlaStatsTUrgDataCnt: return &m.urgent;
    case kSmcNlaStatsTRxBytes: return &m.rx_bytes;
    case kSmcNlaStatsTTxBytes: return &m.tx_bytes;
    case kSmcNlaStatsTRxCnt: return &m.rx_calls;
    case kSmcNlaStatsTTxCnt: return &m.tx_calls;
  }
  return nullptr;
}

bool take_mechanism(const NetlinkAttribute& a, MechanismStats& m) {
  const auto attributes = inner(a);
  if (!attributes) return false;
  for (const NetlinkAttribute& b : *attributes) {
    bool ok = true;
    if (std::uint64_t* c = counter(m, b.type)) {
      *c = u64(b);
    } else if (b.type == kSmcNlaStatsTRxRmbUsage) {
      m.rx_buffer_use = uint_value(b).value_or(0);
    } else if (b.type == kSmcNlaStatsTTxRmbUsage) {
      m.tx_buffer_use = uint_value(b).value_or(0);
    } else if (b.type == kSmcNlaStatsTTxRmbSize) {
      ok = take_buckets(b, m.tx_buffer_sizes);
    } else if (b.type == kSmcNlaStatsTRxRmbSize) {
      ok = take_buckets(b, m.rx_buffer_sizes);
    } else if (b.type == kSmcNlaStatsTTxPloadSize) {
      ok = take_buckets(b, m.tx_request_sizes);
    } else if (b.type == kSmcNlaStatsTRxPloadSize) {
      ok = take_buckets(b, m.rx_request_sizes);
    } else if (b.type == kSmcNlaStatsTTxRmbStats) {
      ok = take_buffer_events(b, m.tx_buffer);
    } else if (b.type == kSmcNlaStatsTRxRmbStats) {
      ok = take_buffer_events(b, m.rx_buffer);
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool parse_stats(const NetlinkMessage& message, SmcStats& stats) {
  const auto attributes = nested(message, kSmcGenStats);
  if (!attributes) return false;
  for (const NetlinkAttribute& a : *attributes) {
    bool ok = true;
    if (a.type == kSmcNlaStatsSmcdTech) {
      ok = take_mechanism(a, stats.smcd);
    } else if (a.type == kSmcNlaStatsSmcrTech) {
      ok = take_mechanism(a, stats.smcr);
    } else if (a.type == kSmcNlaStatsClntHsErrCnt) {
      stats.client_handshake_errors = u64(a);
    } else if (a.type == kSmcNlaStatsSrvHsErrCnt) {
      stats.server_handshake_errors = u64(a);
    }
    if (!ok) return false;
  }
  return true;
}

bool parse_fallback_stats(const NetlinkMessage& message, SmcStats& stats) {
  const auto attributes = nested(message, kSmcGenFbackStats);
  if (!attributes) return false;
  std::optional<std::uint8_t> server;
  FallbackReason reason;
  bool has_code = false;
  for (const NetlinkAttribute& a : *attributes) {
    switch (a.type) {
      case kSmcNlaFbackStatsType:
        server = number<std::uint8_t>(a);
        break;
      case kSmcNlaFbackStatsSrvCnt:
        stats.server_fallbacks = u64(a);
        break;
      case kSmcNlaFbackStatsClntCnt:
        stats.client_fallbacks = u64(a);
        break;
      case kSmcNlaFbackStatsRsnCode:
        has_code = number<std::uint32_t>(a).has_value();
        reason.code = number<std::uint32_t>(a).value_or(0);
        break;
      case kSmcNlaFbackStatsRsnCnt:
        reason.count = number<std::uint16_t>(a).value_or(0);
        break;
    }
  }
  // Every message names its side and its reason (smc_nl_get_fback_details).
  if (!server || !has_code) return false;
  (*server != 0 ? stats.server_reasons : stats.client_reasons).push_back(reason);
  return true;
}

Result<SmcStats> read_smc_stats(int* errno_out) {
  SmcStats stats;
  bool bad = false;
  bool seen = false;
  const std::string what = "cannot read the SMC statistics";
  Result<Ok> r = genl::dump(
      kSmcNetlinkGetStats, what,
      [&](const NetlinkMessage& m) {
        seen = true;
        bad = bad || !parse_stats(m, stats);
      },
      errno_out);
  if (!r) return r.error();
  if (bad || !seen) return genl::malformed(what, errno_out);
  const std::string fallbacks = "cannot read the SMC fallback statistics";
  r = genl::dump(
      kSmcNetlinkGetFbackStats, fallbacks,
      [&](const NetlinkMessage& m) { bad = bad || !parse_fallback_stats(m, stats); },
      errno_out);
  if (!r) return r.error();
  if (bad) return genl::malformed(fallbacks, errno_out);
  return stats;
}

}  // namespace smc
