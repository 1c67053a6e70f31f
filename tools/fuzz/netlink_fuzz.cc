// What the kernel sends back, as we read it: any datagram is split into
// messages and attributes, or refused, and SMC_DIAG and SMC generic netlink
// messages parse into a socket, device, EID, link group, link or
// statistics, or are refused; nothing reads outside the input, and what
// parsed formats as text, JSON and Prometheus' text without a crash.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/kernel/link_groups.h"
#include "core/kernel/netlink.h"
#include "core/kernel/smc_diag.h"
#include "core/kernel/smc_genl.h"
#include "core/kernel/smc_stats.h"
#include "core/toolbox/prometheus.h"
#include "core/toolbox/stats_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const smc::Bytes bytes(reinterpret_cast<const std::byte*>(data), size);
  if (const auto messages = smc::split_messages(bytes)) {
    smc::SmcStats stats;
    std::size_t fallback_messages = 0;
    for (const smc::NetlinkMessage& m : *messages) {
      (void)smc::split_attributes(m.payload, 4);
      (void)smc::error_code(m);
      if (const auto s = smc::parse_smc_diag(m.payload)) {
        (void)smc::describe_decline(s->fallback_reason);
      }
      (void)smc::parse_system_info(m);
      (void)smc::parse_smcd_device(m);
      if (const auto d = smc::parse_smcr_device(m)) {
        // The kernel sends at most SMC_MAX_PORTS (2) ports.
        if (d->ports.size() > 2) __builtin_trap();
      }
      (void)smc::parse_seid(m);
      (void)smc::parse_smcr_link_group(m);
      (void)smc::parse_smcr_link(m);
      (void)smc::parse_smcd_link_group(m);
      (void)smc::parse_stats(m, stats);
      if (smc::parse_fallback_stats(m, stats)) ++fallback_messages;
    }
    // One reason per fallback message, never more.
    if (stats.client_reasons.size() + stats.server_reasons.size() != fallback_messages) {
      __builtin_trap();
    }
    if (const auto groups = smc::collect_smcr_link_groups(*messages)) {
      for (const smc::SmcrLinkGroup& g : *groups) {
        if (g.links.size() > 3) __builtin_trap();  // SMC_LINKS_PER_LGR_MAX
      }
    }
    (void)smc::prometheus_text(stats);
    (void)smc::stats_json(smc::StatsReport{smc::SmcTech::kSmcr, stats, false});
    (void)smc::stats_text(smc::StatsReport{smc::SmcTech::kSmcd, stats, true}, 1);
  }
  (void)smc::parse_smc_diag(bytes);
  return 0;
}
