#include "core/toolbox/info_format.h"

#include <fmt/format.h>

#include "core/toolbox/json.h"

namespace smc {
namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string ism_text(const InfoFacts& f) {
  std::vector<std::string> parts;
  if (!f.smcd_devices.empty()) {
    parts.push_back(fmt::format("{} ISM device{} (v1{})", f.smcd_devices.size(),
                                f.smcd_devices.size() == 1 ? "" : "s",
                                f.system.ism_v2 ? " v2" : ""));
  }
  if (has_loopback_ism(f.system, f.smcd_devices)) parts.emplace_back("loopback-ism (v2)");
  return parts.empty() ? "n/a" : join(parts);
}

std::vector<std::string> roce_names(const InfoFacts& f) {
  std::vector<std::string> names;
  for (const SmcrDevice& d : f.smcr_devices) names.push_back(d.ib_name);
  return names;
}

}  // namespace

bool has_loopback_ism(const SmcSystemInfo& system, const std::vector<SmcdDevice>& smcd) {
  return system.ism_v2 && smcd.empty();
}

std::string info_text(const InfoFacts& f) {
  const SmcSystemInfo& s = f.system;
  const std::vector<std::string> roce = roce_names(f);
  std::string out = "Kernel Capabilities\n";
  out += fmt::format("SMC Version:      {}.{}\n", s.version, s.release);
  out += fmt::format("SMC Hostname:     {}\n", s.host.empty() ? "n/a" : s.host);
  out += fmt::format("SMC-D Features:   v1{}\n", s.version >= 2 ? " v2" : "");
  out += fmt::format("SMC-R Features:   v1{}\n", s.smcr_v2 ? " v2" : "");
  out += "\nHardware Capabilities\n";
  out += fmt::format("SEID:             {}\n", s.seid.empty() ? "n/a" : s.seid);
  out += fmt::format("ISM:              {}\n", ism_text(f));
  out += fmt::format("RoCE:             {}\n", roce.empty() ? "n/a" : join(roce));
  return out;
}

std::string info_json(const InfoFacts& f) {
  const SmcSystemInfo& s = f.system;
  std::string roce;
  for (const std::string& name : roce_names(f)) {
    roce += (roce.empty() ? "" : ", ") + json_string(name);
  }
  return fmt::format(
      "{{\"smc_version\": \"{}.{}\", \"hostname\": {}, \"smcd_features\": \"v1{}\", "
      "\"smcr_features\": \"v1{}\", \"ism_v2\": {}, \"seid\": {}, \"ism_devices\": {}, "
      "\"loopback_ism\": {}, \"smcr_devices\": [{}]}}\n",
      s.version, s.release, json_string(s.host), s.version >= 2 ? " v2" : "",
      s.smcr_v2 ? " v2" : "", s.ism_v2 ? "true" : "false",
      s.seid.empty() ? "null" : json_string(s.seid), f.smcd_devices.size(),
      has_loopback_ism(s, f.smcd_devices) ? "true" : "false", roce);
}

}  // namespace smc
