#include "core/toolbox/socket_json.h"

#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/decline.h"
#include "core/toolbox/json.h"

namespace smc {
namespace {

std::string name_or_null(const char* name) {
  return name != nullptr ? json_string(name) : "null";
}

std::string link_json(const SmcLinkInfo& l) {
  return fmt::format(
      "{{\"link_group\": {}, \"role\": {}, \"ib_device\": {}, \"ib_port\": {}, "
      "\"link_id\": {}, \"gid\": {}, \"peer_gid\": {}}}",
      l.link_group ? std::to_string(*l.link_group) : "null",
      json_string(l.role == kSmcLgrRoleServer ? "server" : "client"), json_string(l.ib_device),
      l.ib_port, l.link_id, json_string(l.gid), json_string(l.peer_gid));
}

}  // namespace

std::string socket_json(const SmcSocket& s, SocketFields fields) {
  const bool full = fields == SocketFields::kFull;
  std::vector<std::pair<const char*, std::string>> f;
  f.emplace_back("inode", std::to_string(s.inode));
  if (full) {
    f.emplace_back("uid", std::to_string(s.uid));
    f.emplace_back("state", json_string(state_name(s.state)));
  }
  // A listening socket's mode means nothing yet (smcss shows "-").
  f.emplace_back("mode", json_string(s.state == kSmcListen ? "-" : mode_name(s.mode)));
  if (full) {
    f.emplace_back("local", json_string(s.local));
    f.emplace_back("peer", json_string(s.peer));
    f.emplace_back("interface", std::to_string(s.interface));
    f.emplace_back("shutdown", std::to_string(s.shutdown));
  }
  f.emplace_back("fallback_reason", std::to_string(s.fallback_reason));
  f.emplace_back("fallback_name", name_or_null(decline_name(s.fallback_reason)));
  f.emplace_back("peer_diagnosis", std::to_string(s.peer_diagnosis));
  f.emplace_back("peer_diagnosis_name", name_or_null(decline_name(s.peer_diagnosis)));
  if (full && s.buffers) {
    f.emplace_back("token", std::to_string(s.buffers->token));
    f.emplace_back("sndbuf", std::to_string(s.buffers->sndbuf));
    f.emplace_back("rmbe", std::to_string(s.buffers->rmbe));
    f.emplace_back("peer_rmbe", std::to_string(s.buffers->peer_rmbe));
  }
  if (full && s.link) f.emplace_back("link", link_json(*s.link));
  std::string out = "{";
  for (const auto& [key, value] : f) {
    out += fmt::format("{}\"{}\": {}", out.size() > 1 ? ", " : "", key, value);
  }
  return out + "}";
}

}  // namespace smc
