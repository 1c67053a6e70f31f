// The kernel's SMC statistics in Prometheus' text exposition format
// (version 0.0.4), as node_exporter's textfile collector reads it from
// *.prom files: counters end in _total and carry labels for mechanism
// (smcd, smcr), side (client, server), SMC version (v1, v2) and fallback
// reason (the kernel's name, as smcss prints it); each metric has HELP and
// TYPE lines. Always the counters since the module's load: Prometheus
// takes care of rates and resets itself.
#pragma once

#include <string>
#include <string_view>

#include "core/kernel/smc_stats.h"

namespace smc {

// Both techs: the handshake errors and fallbacks are the kernel's
// for both together, so one file holds every series once.
std::string prometheus_text(const SmcStats& stats);

// A label value as the format wants it: backslash, double quote and line
// feed escaped, and bytes that are not printable ASCII as '?', since the
// format is UTF-8 text.
std::string prometheus_label_value(std::string_view value);

}  // namespace smc
