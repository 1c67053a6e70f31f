#include "core/toolbox/smcss/smcss.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/toolbox/socket_json.h"

#include "core/common/version.h"

namespace smc {
namespace {

std::string shutdown_text(std::uint8_t shutdown) {
  // smc-tools' notation: R for no more receiving, W for no more sending.
  return fmt::format("{}-{}", (shutdown & 1) != 0 ? 'R' : '<',
                     (shutdown & 2) != 0 ? 'W' : '>');
}

bool holds(const SmcrLinkGroup& group, const SmcLinkInfo& l) {
  if (group.role != l.role) return false;
  for (const SmcrLink& link : group.links) {
    if (link.ib_device == l.ib_device && link.ib_port == l.ib_port && link.id == l.link_id &&
        link.gid == l.gid && link.peer_gid == l.peer_gid) {
      return true;
    }
  }
  return false;
}

// smc-tools' -R columns, with the link group's id, which it leaves out.
void add_link_columns(const SmcSocket& s, std::vector<std::string>& row) {
  if (!s.link) {
    row.insert(row.end(), {"-", "-", "-", "-", "-", "-", "-"});
    return;
  }
  const SmcLinkInfo& l = *s.link;
  row.push_back(l.role == kSmcLgrRoleServer ? "SERV" : "CLNT");
  row.push_back(l.link_group ? fmt::format("{:08x}", *l.link_group) : "-");
  row.push_back(l.ib_device);
  row.push_back(std::to_string(l.ib_port));
  row.push_back(std::to_string(l.link_id));
  row.push_back(l.gid);
  row.push_back(l.peer_gid);
}

}  // namespace

void assign_link_groups(std::vector<SmcSocket>& sockets,
                        const std::vector<SmcrLinkGroup>& groups) {
  for (SmcSocket& s : sockets) {
    if (!s.link) continue;
    std::optional<std::uint32_t> found;
    int matches = 0;
    for (const SmcrLinkGroup& g : groups) {
      if (holds(g, *s.link)) {
        found = g.id;
        ++matches;
      }
    }
    s.link->link_group = matches == 1 ? found : std::nullopt;
  }
}

std::vector<SmcSocket> select_sockets(const std::vector<SmcSocket>& sockets,
                                      const SmcssOptions& options) {
  std::vector<SmcSocket> selected;
  for (const SmcSocket& s : sockets) {
    const bool listening = s.state == kSmcListen;
    if (options.listening && !listening) continue;
    if (!options.listening && !options.all && listening) continue;
    if (options.smcd && (listening || s.mode != kSmcDiagModeSmcD)) continue;
    if (options.smcr && (listening || s.mode != kSmcDiagModeSmcR)) continue;
    selected.push_back(s);
  }
  return selected;
}

std::string format_table(const std::vector<SmcSocket>& sockets, bool debug, bool links) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"State",        "UID",  "Inode",
                                     "Local Address", "Peer Address", "Intf",
                                     "Mode"};
  if (debug) {
    for (const char* h : {"ShutD", "Token", "Sndbuf", "Rcvbuf", "Peerbuf"}) {
      header.emplace_back(h);
    }
  }
  if (links) {
    for (const char* h : {"Role", "LG-ID", "IB-Dev", "Port", "Link", "GID", "Peer-GID"}) {
      header.emplace_back(h);
    }
  }
  rows.push_back(header);
  for (const SmcSocket& s : sockets) {
    std::vector<std::string> row = {
        state_name(s.state),         std::to_string(s.uid),
        std::to_string(s.inode),     s.local,
        s.peer,                      std::to_string(s.interface),
        mode_text(s)};
    if (debug) {
      row.push_back(shutdown_text(s.shutdown));
      if (s.buffers) {
        row.push_back(fmt::format("{:08x}", s.buffers->token));
        row.push_back(std::to_string(s.buffers->sndbuf));
        row.push_back(std::to_string(s.buffers->rmbe));
        row.push_back(std::to_string(s.buffers->peer_rmbe));
      } else {
        row.insert(row.end(), {"-", "-", "-", "-"});
      }
    }
    if (links) add_link_columns(s, row);
    rows.push_back(row);
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += i + 1 == row.size() ? row[i]
                                  : fmt::format("{:<{}} ", row[i], widths[i]);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  return out;
}

std::string format_json(const std::vector<SmcSocket>& sockets) {
  std::string out = "[";
  for (std::size_t i = 0; i < sockets.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    out += socket_json(sockets[i], SocketFields::kFull);
  }
  out += sockets.empty() ? "]\n" : "\n]\n";
  return out;
}

Result<std::string> run_smcss(std::span<const std::string> args) {
  const Result<SmcssOptions> options = parse_smcss_options(args);
  if (!options) return options.error();
  if (options->help) return smcss_usage();
  if (options->version) return fmt::format("smcss (smc_run) {}\n", kVersion);
  Result<std::vector<SmcSocket>> sockets = list_smc_sockets();
  if (!sockets) return sockets.error();
  std::vector<SmcSocket> selected = select_sockets(*sockets, *options);
  if (options->json || options->smcr) {
    // Without the link dump (a kernel that refuses it) the ids stay
    // unknown; the sockets are still worth listing.
    const Result<std::vector<SmcrLinkGroup>> groups = list_smcr_link_groups();
    if (groups) assign_link_groups(selected, *groups);
  }
  return options->json ? format_json(selected)
                       : format_table(selected, options->debug, options->smcr);
}

}  // namespace smc
