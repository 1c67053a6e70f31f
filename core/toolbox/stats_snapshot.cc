#include "core/toolbox/stats_snapshot.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <vector>

#include <fmt/format.h>

namespace smc {
namespace {

constexpr std::string_view kFormatLine = "smc_run stats snapshot 1";

// Calls f(name, counter) for every counter of `m` (a MechanismStats,
// const or not), named under `prefix`. Buffer use is a gauge, not here.
template <typename M, typename F>
void visit_tech(M& m, const std::string& prefix, F&& f) {
  const auto buckets = [&](const char* name, auto& b) {
    for (std::size_t i = 0; i < b.size(); ++i) f(fmt::format("{}.{}.{}", prefix, name, i), b[i]);
  };
  buckets("tx_buffer_sizes", m.tx_buffer_sizes);
  buckets("rx_buffer_sizes", m.rx_buffer_sizes);
  buckets("tx_request_sizes", m.tx_request_sizes);
  buckets("rx_request_sizes", m.rx_request_sizes);
  const auto events = [&](const char* name, auto& e) {
    const std::string p = prefix + "." + name;
    f(p + ".too_small_peer", e.too_small_peer);
    f(p + ".too_small", e.too_small);
    f(p + ".full_peer", e.full_peer);
    f(p + ".full", e.full);
    f(p + ".reused", e.reused);
    f(p + ".allocated", e.allocated);
    f(p + ".downgraded", e.downgraded);
  };
  events("tx_buffer", m.tx_buffer);
  events("rx_buffer", m.rx_buffer);
  f(prefix + ".client_v1", m.client_v1);
  f(prefix + ".client_v2", m.client_v2);
  f(prefix + ".server_v1", m.server_v1);
  f(prefix + ".server_v2", m.server_v2);
  f(prefix + ".sendpage", m.sendpage);
  f(prefix + ".splice", m.splice);
  f(prefix + ".cork", m.cork);
  f(prefix + ".nodelay", m.nodelay);
  f(prefix + ".urgent", m.urgent);
  f(prefix + ".rx_bytes", m.rx_bytes);
  f(prefix + ".tx_bytes", m.tx_bytes);
  f(prefix + ".rx_calls", m.rx_calls);
  f(prefix + ".tx_calls", m.tx_calls);
}

// Every u64 counter of `s` with its name; the fallback reasons apart.
template <typename S, typename F>
void visit_counters(S& s, F&& f) {
  visit_tech(s.smcd, "smcd", f);
  visit_tech(s.smcr, "smcr", f);
  f(std::string("client_handshake_errors"), s.client_handshake_errors);
  f(std::string("server_handshake_errors"), s.server_handshake_errors);
  f(std::string("client_fallbacks"), s.client_fallbacks);
  f(std::string("server_fallbacks"), s.server_fallbacks);
}

std::uint64_t count_of(const std::vector<FallbackReason>& reasons, std::uint32_t code) {
  for (const FallbackReason& r : reasons) {
    if (r.code == code) return r.count;
  }
  return 0;
}

void subtract_reasons(std::vector<FallbackReason>& now, const std::vector<FallbackReason>& base) {
  std::vector<FallbackReason> kept;
  for (FallbackReason r : now) {
    r.count = (r.count - count_of(base, r.code)) & 0xffff;  // u16 in the kernel
    if (r.count != 0) kept.push_back(r);
  }
  now = kept;
}

}  // namespace

std::optional<SmcStats> stats_since(const SmcStats& now, const SmcStats& base) {
  std::vector<std::uint64_t> before;
  visit_counters(base, [&](const std::string&, const std::uint64_t& v) { before.push_back(v); });
  SmcStats result = now;
  std::size_t i = 0;
  bool went_back = false;
  visit_counters(result, [&](const std::string&, std::uint64_t& v) {
    went_back = went_back || v < before[i];
    v -= before[i++];
  });
  if (went_back) return std::nullopt;
  subtract_reasons(result.client_reasons, base.client_reasons);
  subtract_reasons(result.server_reasons, base.server_reasons);
  return result;
}

std::string snapshot_text(const SmcStats& stats) {
  std::string out = std::string(kFormatLine) + "\n";
  visit_counters(stats, [&](const std::string& name, const std::uint64_t& v) {
    out += fmt::format("{} {}\n", name, v);
  });
  for (const FallbackReason& r : stats.server_reasons) {
    out += fmt::format("server_reason.{:#010x} {}\n", r.code, r.count);
  }
  for (const FallbackReason& r : stats.client_reasons) {
    out += fmt::format("client_reason.{:#010x} {}\n", r.code, r.count);
  }
  return out;
}

namespace {

// "NAME VALUE" lines into a map; false on a line of another shape.
bool read_lines(std::string_view text, std::map<std::string, std::uint64_t>& values) {
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    const std::string line(text.substr(0, eol));
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    const std::size_t space = line.find(' ');
    if (space == std::string::npos || space == 0) return false;
    const std::string digits = line.substr(space + 1);
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(digits.c_str(), &end, 10);
    if (digits.empty() || digits[0] < '0' || digits[0] > '9' || *end != '\0' || errno != 0) {
      return false;
    }
    values[line.substr(0, space)] = v;
  }
  return true;
}

// The "side_reason.0xCODE" entries of `values` (taken out of it).
bool take_reasons(std::map<std::string, std::uint64_t>& values, const std::string& side,
                  std::vector<FallbackReason>& reasons) {
  const std::string prefix = side + "_reason.";
  for (auto it = values.lower_bound(prefix); it != values.end() && it->first.starts_with(prefix);) {
    const std::string code = it->first.substr(prefix.size());
    char* end = nullptr;
    const unsigned long v = std::strtoul(code.c_str(), &end, 16);
    if (!code.starts_with("0x") || code.size() != 10 || *end != '\0') return false;
    reasons.push_back({static_cast<std::uint32_t>(v), it->second});
    it = values.erase(it);
  }
  return true;
}

}  // namespace

std::optional<SmcStats> parse_snapshot(std::string_view text) {
  if (!text.starts_with(kFormatLine) || text.size() == kFormatLine.size() ||
      text[kFormatLine.size()] != '\n') {
    return std::nullopt;
  }
  std::map<std::string, std::uint64_t> values;
  if (!read_lines(text.substr(kFormatLine.size() + 1), values)) return std::nullopt;
  SmcStats stats;
  if (!take_reasons(values, "server", stats.server_reasons) ||
      !take_reasons(values, "client", stats.client_reasons)) {
    return std::nullopt;
  }
  bool complete = true;
  std::size_t used = 0;
  visit_counters(stats, [&](const std::string& name, std::uint64_t& v) {
    const auto it = values.find(name);
    complete = complete && it != values.end();
    if (it != values.end()) {
      v = it->second;
      ++used;
    }
  });
  if (!complete || used != values.size()) return std::nullopt;
  return stats;
}

}  // namespace smc
