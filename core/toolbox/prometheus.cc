#include "core/toolbox/prometheus.h"

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/decline.h"

namespace smc {
namespace {

using Labels = std::vector<std::pair<const char*, std::string>>;

// One metric family: its HELP and TYPE lines, then samples.
class Family {
 public:
  Family(std::string& out, const char* name, const char* type, const char* help)
      : out_(out), name_(name) {
    out_ += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  }
  void sample(const Labels& labels, std::uint64_t value) {
    std::string text;
    for (const auto& [key, v] : labels) {
      text += fmt::format("{}{}=\"{}\"", text.empty() ? "" : ",", key, prometheus_label_value(v));
    }
    out_ += fmt::format("{}{{{}}} {}\n", name_, text, value);
  }

 private:
  std::string& out_;
  const char* name_;
};

struct Tech {
  const char* label;
  const MechanismStats* stats;
};

void handshakes(std::string& out, const std::initializer_list<Tech>& techs) {
  Family f(out, "smc_handshakes_total", "counter",
           "Connections whose SMC handshake ended on SMC, by mechanism, side and SMC version.");
  for (const Tech& m : techs) {
    const MechanismStats& s = *m.stats;
    f.sample({{"mechanism", m.label}, {"side", "client"}, {"version", "v1"}}, s.client_v1);
    f.sample({{"mechanism", m.label}, {"side", "client"}, {"version", "v2"}}, s.client_v2);
    f.sample({{"mechanism", m.label}, {"side", "server"}, {"version", "v1"}}, s.server_v1);
    f.sample({{"mechanism", m.label}, {"side", "server"}, {"version", "v2"}}, s.server_v2);
  }
}

void fallbacks(std::string& out, const SmcStats& s) {
  Family errors(out, "smc_handshake_errors_total", "counter",
                "SMC handshakes that failed with an error (the connection failed), by side.");
  errors.sample({{"side", "client"}}, s.client_handshake_errors);
  errors.sample({{"side", "server"}}, s.server_handshake_errors);
  Family all(out, "smc_fallbacks_total", "counter",
             "Connections that fell back to TCP, by side.");
  all.sample({{"side", "client"}}, s.client_fallbacks);
  all.sample({{"side", "server"}}, s.server_fallbacks);
  Family by_reason(out, "smc_fallback_reasons_total", "counter",
                   "Fallbacks to TCP by side and reason (SMC_CLC_DECL_* name and code); the "
                   "kernel keeps 36 reasons per side and counts each in 16 bits.");
  for (const auto& [side, reasons] : {std::pair{"client", &s.client_reasons},
                                      std::pair{"server", &s.server_reasons}}) {
    for (const FallbackReason& r : *reasons) {
      const char* name = decline_name(r.code);
      const std::string code = fmt::format("{:#010x}", r.code);
      by_reason.sample({{"side", side}, {"reason", name != nullptr ? name : code}, {"code", code}},
                       r.count);
    }
  }
}

// A counter family with one sample per tech and direction.
void per_direction(std::string& out, const std::initializer_list<Tech>& techs, const char* name,
                   const char* type, const char* help,
                   std::uint64_t (*pick)(const MechanismStats&, bool tx)) {
  Family f(out, name, type, help);
  for (const Tech& m : techs) {
    f.sample({{"mechanism", m.label}, {"direction", "receive"}}, pick(*m.stats, false));
    f.sample({{"mechanism", m.label}, {"direction", "send"}}, pick(*m.stats, true));
  }
}

void data(std::string& out, const std::initializer_list<Tech>& techs) {
  per_direction(out, techs, "smc_data_bytes_total", "counter",
                "Bytes SMC connections received and sent, by mechanism.",
                [](const MechanismStats& m, bool tx) { return tx ? m.tx_bytes : m.rx_bytes; });
  per_direction(out, techs, "smc_calls_total", "counter",
                "Receive and send calls on SMC connections, by mechanism.",
                [](const MechanismStats& m, bool tx) { return tx ? m.tx_calls : m.rx_calls; });
  per_direction(out, techs, "smc_buffer_usage_bytes", "gauge",
                "Bytes of receive buffers (RMBs, DMBs) and send buffers in use now, by mechanism.",
                [](const MechanismStats& m, bool tx) { return tx ? m.tx_buffer_use : m.rx_buffer_use; });
  per_direction(out, techs, "smc_buffer_full_total", "counter",
                "Sends that found the send buffer full, receives that found less than asked for.",
                [](const MechanismStats& m, bool tx) { return tx ? m.tx_buffer.full : m.rx_buffer.full; });
  per_direction(out, techs, "smc_buffer_downgrades_total", "counter",
                "Buffers made smaller than asked for, for want of memory.",
                [](const MechanismStats& m, bool tx) {
                  return tx ? m.tx_buffer.downgraded : m.rx_buffer.downgraded;
                });
}

void peer_buffers(std::string& out, const std::initializer_list<Tech>& techs) {
  Family full(out, "smc_peer_buffer_full_total", "counter",
              "Sends that found the peer's receive buffer full, by mechanism.");
  for (const Tech& m : techs) full.sample({{"mechanism", m.label}}, m.stats->tx_buffer.full_peer);
}

}  // namespace

std::string prometheus_label_value(std::string_view value) {
  std::string out;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte > 0x7e) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

std::string prometheus_text(const SmcStats& stats) {
  const std::initializer_list<Tech> techs = {{"smcd", &stats.smcd}, {"smcr", &stats.smcr}};
  std::string out;
  handshakes(out, techs);
  fallbacks(out, stats);
  data(out, techs);
  peer_buffers(out, techs);
  return out;
}

}  // namespace smc
