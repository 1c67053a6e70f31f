#include "core/toolbox/stats_format.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/decline.h"
#include "core/toolbox/json.h"

namespace smc {
namespace {

const MechanismStats& of(const StatsReport& r) {
  return r.tech == SmcTech::kSmcd ? r.stats.smcd : r.stats.smcr;
}

std::uint64_t smc_connections(const MechanismStats& m) {
  return m.client_v1 + m.client_v2 + m.server_v1 + m.server_v2;
}

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// "PEERNOSMC" as smcss names it, or the hex of a code this build does not know.
std::string reason_name(std::uint32_t code) {
  const char* name = decline_name(code);
  return name != nullptr ? name : fmt::format("{:#010x}", code);
}

// Most frequent first, as smc-tools lists them.
std::vector<FallbackReason> by_count(std::vector<FallbackReason> reasons) {
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const FallbackReason& a, const FallbackReason& b) { return a.count > b.count; });
  return reasons;
}

void summary(const StatsReport& r, int details, std::string& out) {
  const MechanismStats& m = of(r);
  const SmcStats& s = r.stats;
  const std::uint64_t smc = smc_connections(m);
  const std::uint64_t errors = s.client_handshake_errors + s.server_handshake_errors;
  const std::uint64_t fallbacks = s.client_fallbacks + s.server_fallbacks;
  out += fmt::format("{} Connections Summary{}\n",
                     r.tech == SmcTech::kSmcd ? "SMC-D" : "SMC-R",
                     r.since_reset ? " (since the last stats reset; -a: since the module's load)"
                                   : "");
  out += fmt::format("  Total connections handled  {:12}\n", smc + errors + fallbacks);
  if (details == 0) {
    out += fmt::format("  SMC connections            {:12}\n", smc);
    out += fmt::format("  Handshake errors           {:12}\n", errors);
  } else {
    out += fmt::format("  SMC connections            {:12} (client {}, server {})\n", smc,
                       m.client_v1 + m.client_v2, m.server_v1 + m.server_v2);
    out += fmt::format("    v1                       {:12}\n", m.client_v1 + m.server_v1);
    out += fmt::format("    v2                       {:12}\n", m.client_v2 + m.server_v2);
    out += fmt::format("  Handshake errors           {:12} (client {}, server {})\n", errors,
                       s.client_handshake_errors, s.server_handshake_errors);
  }
  const double requests = smc == 0 ? 0.0
                                   : static_cast<double>(m.rx_calls + m.tx_calls) /
                                         static_cast<double>(smc);
  out += fmt::format("  Avg requests per SMC conn  {:14.1f}\n", requests);
  if (details == 0) {
    out += fmt::format("  TCP fallback               {:12}\n", fallbacks);
    return;
  }
  out += fmt::format("  TCP fallback               {:12} (client {}, server {})\n", fallbacks,
                     s.client_fallbacks, s.server_fallbacks);
  for (const auto& [side, reasons] :
       {std::pair{"Server", &s.server_reasons}, std::pair{"Client", &s.client_reasons}}) {
    if (reasons->empty()) continue;
    out += fmt::format("    {}\n", side);
    for (const FallbackReason& reason : by_count(*reasons)) {
      out += fmt::format("     {:<12}            {:12}\n", reason_name(reason.code), reason.count);
    }
  }
}

// The Bufs/Reqs rows: smc-tools' columns, the last one all above 512 KiB.
void histogram(const char* label, const SizeBuckets& b, std::string& out) {
  out += fmt::format("  {:<5}", label);
  for (std::size_t i = 0; i < 7; ++i) out += fmt::format("  {:>6}", abbreviated(b[i]));
  out += fmt::format("  {:>6}\n", abbreviated(b[7] + b[8]));
}

void direction(const char* title, bool tx, const MechanismStats& m, int details,
               std::string& out) {
  const std::uint64_t bytes = tx ? m.tx_bytes : m.rx_bytes;
  const std::uint64_t calls = tx ? m.tx_calls : m.rx_calls;
  const std::uint64_t use = tx ? m.tx_buffer_use : m.rx_buffer_use;
  const BufferEvents& e = tx ? m.tx_buffer : m.rx_buffer;
  out += fmt::format("{}\n", title);
  out += fmt::format("  Data transmitted (Bytes) {:14} ({})\n", bytes, abbreviated(bytes));
  out += fmt::format("  Total requests             {:12}\n", calls);
  out += fmt::format("  Buffer usage (Bytes)       {:12} ({})\n", use, abbreviated(use));
  out += fmt::format("  Buffer full                {:12} ({:.2f}%)\n", e.full,
                     percent(e.full, calls));
  if (tx) {
    out += fmt::format("  Buffer full (remote)       {:12} ({:.2f}%)\n", e.full_peer,
                       percent(e.full_peer, calls));
    out += fmt::format("  Buffer too small           {:12} ({:.2f}%)\n", e.too_small,
                       percent(e.too_small, calls));
    out += fmt::format("  Buffer too small (remote)  {:12} ({:.2f}%)\n", e.too_small_peer,
                       percent(e.too_small_peer, calls));
  }
  if (details > 0) {
    out += fmt::format("  Buffer downgrades          {:12}\n", e.downgraded);
    out += fmt::format("  Buffer reuses              {:12}\n", e.reused);
  }
  out += "            8KB    16KB    32KB    64KB   128KB   256KB   512KB  >512KB\n";
  histogram("Bufs", tx ? m.tx_buffer_sizes : m.rx_buffer_sizes, out);
  histogram("Reqs", tx ? m.tx_request_sizes : m.rx_request_sizes, out);
}

void extras(const MechanismStats& m, int details, std::string& out) {
  out += "Extras\n";
  out += fmt::format("  Special socket calls       {:12}\n",
                     m.cork + m.nodelay + m.sendpage + m.splice + m.urgent);
  if (details == 0) return;
  out += fmt::format("    cork                     {:12}\n", m.cork);
  out += fmt::format("    nodelay                  {:12}\n", m.nodelay);
  out += fmt::format("    sendpage                 {:12}\n", m.sendpage);
  out += fmt::format("    splice                   {:12}\n", m.splice);
  out += fmt::format("    urgent data              {:12}\n", m.urgent);
}

}  // namespace

std::string abbreviated(std::uint64_t n) {
  if (n < 1000) return std::to_string(n);
  static constexpr char kUnits[] = "KMGTPE";
  double v = static_cast<double>(n);
  std::size_t unit = 0;
  for (v /= 1000; ; v /= 1000, ++unit) {
    // Three significant digits; a value that rounds to 1000 takes the next unit.
    const int decimals = v < 9.995 ? 2 : v < 99.95 ? 1 : 0;
    if (v < 999.5 || unit + 1 == sizeof kUnits - 1) {
      return fmt::format("{:.{}f}{}", v, decimals, kUnits[unit]);
    }
  }
}

std::string stats_text(const StatsReport& report, int details) {
  const MechanismStats& m = of(report);
  std::string out;
  summary(report, details, out);
  out += "\n";
  direction("RX Stats", false, m, details, out);
  out += "\n";
  direction("TX Stats", true, m, details, out);
  out += "\n";
  extras(m, details, out);
  return out;
}

namespace {

std::string json_object(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out = "{";
  for (const auto& [key, value] : fields) {
    out += fmt::format("{}{}: {}", out.size() > 1 ? ", " : "", json_string(key), value);
  }
  return out + "}";
}

std::string json_buckets(const SizeBuckets& b) {
  static constexpr const char* kNames[] = {"8K",   "16K",  "32K", "64K", "128K",
                                           "256K", "512K", "1M",  ">1M"};
  std::vector<std::pair<std::string, std::string>> f;
  for (std::size_t i = 0; i < b.size(); ++i) f.emplace_back(kNames[i], std::to_string(b[i]));
  return json_object(f);
}

std::string json_reasons(const std::vector<FallbackReason>& reasons) {
  std::string out = "[";
  for (const FallbackReason& r : reasons) {
    const char* name = decline_name(r.code);
    out += fmt::format("{}{{\"code\": {}, \"hex\": \"{:#010x}\", \"name\": {}, \"count\": {}}}",
                       out.size() > 1 ? ", " : "", r.code, r.code,
                       name != nullptr ? json_string(name) : "null", r.count);
  }
  return out + "]";
}

std::string json_direction(const MechanismStats& m, bool tx) {
  const BufferEvents& e = tx ? m.tx_buffer : m.rx_buffer;
  const auto n = [](std::uint64_t v) { return std::to_string(v); };
  return json_object({
      {"bytes", n(tx ? m.tx_bytes : m.rx_bytes)},
      {"calls", n(tx ? m.tx_calls : m.rx_calls)},
      {"buffer_use_bytes", n(tx ? m.tx_buffer_use : m.rx_buffer_use)},
      {"buffer_full", n(e.full)},
      {"buffer_full_peer", n(e.full_peer)},
      {"buffer_too_small", n(e.too_small)},
      {"buffer_too_small_peer", n(e.too_small_peer)},
      {"buffers_allocated", n(e.allocated)},
      {"buffers_reused", n(e.reused)},
      {"buffers_downgraded", n(e.downgraded)},
      {"buffer_sizes", json_buckets(tx ? m.tx_buffer_sizes : m.rx_buffer_sizes)},
      {"request_sizes", json_buckets(tx ? m.tx_request_sizes : m.rx_request_sizes)},
  });
}

}  // namespace

std::string stats_json(const StatsReport& report) {
  const MechanismStats& m = of(report);
  const SmcStats& s = report.stats;
  const auto n = [](std::uint64_t v) { return std::to_string(v); };
  return json_object({
             {"mechanism", json_string(report.tech == SmcTech::kSmcd ? "SMC-D" : "SMC-R")},
             {"since_reset", report.since_reset ? "true" : "false"},
             {"smc_connections", json_object({{"client_v1", n(m.client_v1)},
                                              {"client_v2", n(m.client_v2)},
                                              {"server_v1", n(m.server_v1)},
                                              {"server_v2", n(m.server_v2)}})},
             {"handshake_errors", json_object({{"client", n(s.client_handshake_errors)},
                                               {"server", n(s.server_handshake_errors)}})},
             {"fallbacks", json_object({{"client", n(s.client_fallbacks)},
                                        {"server", n(s.server_fallbacks)},
                                        {"client_reasons", json_reasons(s.client_reasons)},
                                        {"server_reasons", json_reasons(s.server_reasons)}})},
             {"rx", json_direction(m, false)},
             {"tx", json_direction(m, true)},
             {"special_calls", json_object({{"cork", n(m.cork)},
                                            {"nodelay", n(m.nodelay)},
                                            {"sendpage", n(m.sendpage)},
                                            {"splice", n(m.splice)},
                                            {"urgent", n(m.urgent)}})},
         }) +
         "\n";
}

std::string smc_tools_stats_json(const StatsReport& report) {
  const MechanismStats& m = of(report);
  std::vector<std::pair<std::string, std::uint64_t>> keys;
  static constexpr const char* kSizes[] = {"8K",   "16K",  "32K",   "64K",     "128K",
                                           "256K", "512K", "1024K", "G_1024K"};
  const auto sizes = [&](const char* prefix, const SizeBuckets& b) {
    for (std::size_t i = 0; i < b.size(); ++i) keys.emplace_back(fmt::format("{}_{}", prefix, kSizes[i]), b[i]);
  };
  // smc-tools names the buffer sizes INT(ernal) and the request sizes USR.
  sizes("SMC_INT_TX_BUF", m.tx_buffer_sizes);
  sizes("SMC_INT_RX_BUF", m.rx_buffer_sizes);
  sizes("SMC_USR_TX_BUF", m.tx_request_sizes);
  sizes("SMC_USR_RX_BUF", m.rx_request_sizes);
  for (const auto& [dir, e] : {std::pair{"TX", &m.tx_buffer}, std::pair{"RX", &m.rx_buffer}}) {
    const std::string p = fmt::format("SMC_INT_{}_BUF_", dir);
    keys.emplace_back(p + "SIZE_SM_PEER_CNT", e->too_small_peer);
    keys.emplace_back(p + "SIZE_SM_CNT", e->too_small);
    keys.emplace_back(p + "FULL_PEER_CNT", e->full_peer);
    keys.emplace_back(p + "FULL_CNT", e->full);
    keys.emplace_back(p + "REUSE_CNT", e->reused);
    keys.emplace_back(p + "ALLOC_CNT", e->allocated);
    keys.emplace_back(p + "DGRADE_CNT", e->downgraded);
  }
  for (const auto& kv : std::initializer_list<std::pair<const char*, std::uint64_t>>{
           {"SMC_CLNT_V1_SUCC_CNT", m.client_v1}, {"SMC_CLNT_V2_SUCC_CNT", m.client_v2},
           {"SMC_SRV_V1_SUCC_CNT", m.server_v1},   {"SMC_SRV_V2_SUCC_CNT", m.server_v2},
           {"SMC_SENDPAGE_CNT", m.sendpage},       {"SMC_URG_DATA_CNT", m.urgent},
           {"SMC_SPLICE_CNT", m.splice},           {"SMC_CORK_CNT", m.cork},
           {"SMC_NDLY_CNT", m.nodelay},            {"SMC_RX_BYTES", m.rx_bytes},
           {"SMC_TX_BYTES", m.tx_bytes},           {"SMC_RX_CNT", m.rx_calls},
           {"SMC_TX_CNT", m.tx_calls},             {"SMC_RX_RMB_USAGE", m.rx_buffer_use},
           {"SMC_TX_RMB_USAGE", m.tx_buffer_use}}) {
    keys.emplace_back(kv.first, kv.second);
  }
  std::string out = fmt::format("{{\"{}\": {{", report.tech == SmcTech::kSmcd ? "SMCD" : "SMCR");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    out += fmt::format("{}\"{}\":{}", i == 0 ? "" : ",", keys[i].first, keys[i].second);
  }
  return out + "}}\n";
}

}  // namespace smc
