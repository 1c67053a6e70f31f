// The replies of SMC_NETLINK_GET_STATS and SMC_NETLINK_GET_FBACK_STATS as
// Linux 6.12 builds them (net/smc/smc_stats.c: smc_nl_get_stats,
// smc_nl_get_fback_details), from given values. The attribute numbers are
// written out from include/uapi/linux/smc.h here, not taken from
// base/smc_abi.h, so that a wrong constant there fails the tests.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/kernel/smc_stats.h"
#include "tools/support/netlink_fixture.h"

namespace smc::testing {

// With `pads`, every u64 is preceded by a PAD attribute (type 0), as
// nla_put_u64_64bit does on architectures that need the alignment.
inline Blob u64(std::uint16_t type, std::uint64_t value, bool pads) {
  return pads ? cat({attr(0, nullptr, 0), num(type, value)}) : num(type, value);
}

inline Blob buckets(std::uint16_t type, const SizeBuckets& b, bool pads) {
  std::vector<Blob> parts;
  for (std::size_t i = 0; i < b.size(); ++i) {  // SMC_NLA_STATS_PLOAD_8K = 1...
    parts.push_back(u64(static_cast<std::uint16_t>(i + 1), b[i], pads));
  }
  return attr(type, cat(parts));
}

inline Blob buffer_events(std::uint16_t type, const BufferEvents& e, bool pads) {
  // smc_nl_fill_stats_rmb_data's order; SMC_NLA_STATS_RMB_* numbers.
  return attr(type, cat({u64(5, e.reused, pads), u64(1, e.too_small_peer, pads),
                         u64(2, e.too_small, pads), u64(3, e.full_peer, pads),
                         u64(4, e.full, pads), u64(6, e.allocated, pads),
                         u64(7, e.downgraded, pads)}));
}

// SMC_NLA_STATS_SMCD_TECH (1) or _SMCR_TECH (2), smc_nl_fill_stats_tech_data.
inline Blob mechanism(std::uint16_t type, const MechanismStats& m, bool pads) {
  return attr(type, cat({
      buffer_events(5, m.tx_buffer, pads), buffer_events(6, m.rx_buffer, pads),
      buckets(3, m.tx_request_sizes, pads), buckets(4, m.rx_request_sizes, pads),
      buckets(1, m.tx_buffer_sizes, pads), buckets(2, m.rx_buffer_sizes, pads),
      u64(7, m.client_v1, pads), u64(8, m.client_v2, pads),
      u64(9, m.server_v1, pads), u64(10, m.server_v2, pads),
      u64(16, m.rx_bytes, pads), u64(17, m.tx_bytes, pads),
      // nla_put_uint: 4 bytes when the value fits in them.
      m.rx_buffer_use <= 0xffffffffu ? num<std::uint32_t>(20, static_cast<std::uint32_t>(m.rx_buffer_use))
                                     : num<std::uint64_t>(20, m.rx_buffer_use),
      m.tx_buffer_use <= 0xffffffffu ? num<std::uint32_t>(21, static_cast<std::uint32_t>(m.tx_buffer_use))
                                     : num<std::uint64_t>(21, m.tx_buffer_use),
      u64(18, m.rx_calls, pads), u64(19, m.tx_calls, pads),
      u64(11, m.sendpage, pads), u64(13, m.cork, pads), u64(14, m.nodelay, pads),
      u64(12, m.splice, pads), u64(15, m.urgent, pads),
  }));
}

// The one SMC_NETLINK_GET_STATS (7) message: SMC_GEN_STATS (7).
inline Reply stats_reply(const SmcStats& s, bool pads = false) {
  return reply(7, attr(7, cat({mechanism(1, s.smcd, pads), mechanism(2, s.smcr, pads),
                               u64(3, s.client_handshake_errors, pads),
                               u64(4, s.server_handshake_errors, pads)})));
}

// The SMC_NETLINK_GET_FBACK_STATS (8) messages: for each position a server
// reason, then a client one, the first message with both totals.
inline std::vector<Reply> fallback_replies(const SmcStats& s) {
  std::vector<Reply> out;
  bool totals = false;
  const auto one = [&](bool server, const FallbackReason& r) {
    std::vector<Blob> parts = {num<std::uint8_t>(1, server ? 1 : 0)};
    if (!totals) {
      parts.push_back(num<std::uint64_t>(2, s.server_fallbacks));
      parts.push_back(num<std::uint64_t>(3, s.client_fallbacks));
      totals = true;
    }
    parts.push_back(num<std::uint32_t>(4, r.code));
    parts.push_back(num<std::uint16_t>(5, static_cast<std::uint16_t>(r.count)));
    out.push_back(reply(8, attr(8, cat(parts))));
  };
  const std::size_t n = std::max(s.server_reasons.size(), s.client_reasons.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (i < s.server_reasons.size()) one(true, s.server_reasons[i]);
    if (i < s.client_reasons.size()) one(false, s.client_reasons[i]);
  }
  return out;
}

// Statistics with every counter different, for round trips: `seed` picks
// the values.
inline SmcStats sample_stats(std::uint64_t seed) {
  std::uint64_t next = seed * 1000;
  const auto fill_mechanism = [&](MechanismStats& m) {
    for (SizeBuckets* b : {&m.tx_buffer_sizes, &m.rx_buffer_sizes, &m.tx_request_sizes,
                           &m.rx_request_sizes}) {
      for (auto& v : *b) v = ++next;
    }
    for (BufferEvents* e : {&m.tx_buffer, &m.rx_buffer}) {
      for (std::uint64_t* v : {&e->too_small_peer, &e->too_small, &e->full_peer, &e->full,
                               &e->reused, &e->allocated, &e->downgraded}) {
        *v = ++next;
      }
    }
    for (std::uint64_t* v : {&m.client_v1, &m.client_v2, &m.server_v1, &m.server_v2,
                             &m.splice, &m.cork, &m.nodelay, &m.urgent, &m.rx_bytes,
                             &m.tx_bytes, &m.rx_calls, &m.tx_calls, &m.rx_buffer_use,
                             &m.tx_buffer_use}) {
      *v = ++next;
    }
  };
  SmcStats s;
  fill_mechanism(s.smcd);
  fill_mechanism(s.smcr);
  s.client_handshake_errors = ++next;
  s.server_handshake_errors = ++next;
  s.server_reasons = {{0x03010000, 7}, {0x03030000, 2}};
  s.client_reasons = {{0x05000000, 3}};
  s.server_fallbacks = 9;
  s.client_fallbacks = 3;
  return s;
}

}  // namespace smc::testing
