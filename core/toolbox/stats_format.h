// smcr/smcd stats as people and scripts read them: smc-tools' text, this
// project's JSON, smc-tools' own JSON (its "stats json" command), from
// statistics already read (core/kernel/smc_stats.h). Prometheus' text is in
// prometheus.h.
#pragma once

#include <cstdint>
#include <string>

#include "core/kernel/smc_stats.h"
#include "core/toolbox/command_line.h"

namespace smc {

// The statistics of one tech (SMC-D or SMC-R); the handshake errors and fallbacks are
// the kernel's for both together (it does not tell them apart).
struct StatsReport {
  SmcTech tech;
  SmcStats stats;
  bool since_reset = false;  // relative to a "stats reset" snapshot
};

// smc-tools' layout: "SMC-R Connections Summary", RX, TX, Extras; with
// `details` the client/server and v1/v2 splits, every fallback reason
// (named as smcss names them), buffer downgrades, reuses and special calls.
std::string stats_text(const StatsReport& report, int details);

// One JSON object with every counter of the tech, reasons named.
std::string stats_json(const StatsReport& report);

// smc-tools' "stats json": {"SMCR": {"SMC_RX_BYTES": ..., ...}}, flat, its
// key names, so that scripts written for it keep working.
std::string smc_tools_stats_json(const StatsReport& report);

// A count in at most 6 characters, as smc-tools abbreviates its columns:
// 999, 1.23K, 12.3K, 123K, 1.05M ... (powers of 1000).
std::string abbreviated(std::uint64_t n);

}  // namespace smc
