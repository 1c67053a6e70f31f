#include "core/kernel/smc_diag.h"

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "base/smc_diag_message.h"

namespace smc {
namespace {

std::string endpoint(const std::uint32_t (&addr)[4], std::uint16_t port_be) {
  const unsigned port = ntohs(port_be);
  const bool zero = addr[0] == 0 && addr[1] == 0 && addr[2] == 0 && addr[3] == 0;
  if (zero) return fmt::format("*:{}", port);
  char text[INET6_ADDRSTRLEN] = {};
  // smc_diag fills only idiag_src[0]/idiag_dst[0] for IPv4 sockets.
  if (addr[1] == 0 && addr[2] == 0 && addr[3] == 0) {
    inet_ntop(AF_INET, &addr[0], text, sizeof text);
    return fmt::format("{}:{}", text, port);
  }
  inet_ntop(AF_INET6, addr, text, sizeof text);
  return fmt::format("[{}]:{}", text, port);
}

}  // namespace

NetlinkRequest smc_diag_request() {
  const SmcDiagRequest request = smc_diag_dump(smc_diag_extension(kSmcDiagConnInfo) |
                                               smc_diag_extension(kSmcDiagLgrInfo));
  NetlinkRequest r(SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP);
  r.payload(&request, sizeof request);
  return r;
}

std::optional<SmcSocket> parse_smc_diag(Bytes payload) {
  SmcDiagReply reply;
  if (!decode_smc_diag(payload.data(), payload.size(), &reply)) return std::nullopt;
  const SmcDiagMessage& m = reply.message;
  SmcSocket s;
  s.family = m.family;
  s.inode = m.inode;
  s.uid = m.uid;
  s.state = m.state;
  s.mode = m.mode;
  // The kernel leaves diag_shutdown zero and sends SMC_DIAG_SHUTDOWN.
  s.shutdown = reply.shutdown;
  s.local = endpoint(m.id.idiag_src, m.id.idiag_sport);
  s.peer = endpoint(m.id.idiag_dst, m.id.idiag_dport);
  s.interface = m.id.idiag_if;
  s.fallback_reason = reply.fallback.reason;
  s.peer_diagnosis = reply.fallback.peer_diagnosis;
  if (reply.has_conninfo) {
    const SmcDiagConnInfo& c = reply.conninfo;
    s.buffers = SmcBuffers{c.token, c.sndbuf_size, c.rmbe_size, c.peer_rmbe_size};
  }
  if (reply.has_lgrinfo) {
    const SmcDiagLinkInfo& l = reply.lgrinfo.link;
    s.link = SmcLinkInfo{reply.lgrinfo.role, l.ibname, l.ibport, l.link_id,
                         l.gid,                  l.peer_gid, std::nullopt};
  }
  return s;
}

Result<std::vector<SmcSocket>> list_smc_sockets() {
  std::vector<SmcSocket> sockets;
  bool malformed = false;
  int error = 0;
  const Result<Ok> r = netlink_exchange(
      NETLINK_SOCK_DIAG, smc_diag_request(), "cannot list SMC sockets",
      [&](const NetlinkMessage& m) {
        if (m.type != SOCK_DIAG_BY_FAMILY) return;
        std::optional<SmcSocket> s = parse_smc_diag(m.payload);
        if (s) {
          sockets.push_back(std::move(*s));
        } else {
          malformed = true;
        }
      },
      &error);
  if (!r) {
    // net/core/sock_diag.c answers ENOENT for a family with no handler.
    if (error == ENOENT) {
      return system_error(
          "cannot list SMC sockets: this kernel has no SMC_DIAG (load it "
          "with: modprobe smc_diag)");
    }
    return r.error();
  }
  if (malformed) {
    return system_error("cannot list SMC sockets: malformed SMC_DIAG reply");
  }
  return sockets;
}

const char* mode_name(std::uint8_t mode) {
  switch (mode) {
    case kSmcDiagModeSmcR:
      return "SMCR";
    case kSmcDiagModeFallbackTcp:
      return "TCP";
    case kSmcDiagModeSmcD:
      return "SMCD";
  }
  return "?";
}

const char* state_name(std::uint8_t state) {
  switch (state) {
    case kSmcActive:
      return "ACTIVE";
    case kSmcInit:
      return "INIT";
    case kSmcClosed:
      return "CLOSED";
    case kSmcListen:
      return "LISTEN";
    case kSmcPeerCloseWait1:
      return "PEERCLW1";
    case kSmcPeerCloseWait2:
      return "PEERCLW2";
    case kSmcAppCloseWait1:
      return "APPLCLW1";
    case kSmcAppCloseWait2:
      return "APPLCLW2";
    case kSmcAppFinCloseWait:
      return "APPLFINCLW";
    case kSmcPeerFinCloseWait:
      return "PEERFINCLW";
    case kSmcPeerAbortWait:
      return "PEERABORTW";
    case kSmcProcessAbort:
      return "PROCESSABORT";
  }
  return "?";
}

std::string describe_decline(std::uint32_t code) {
  const char* name = decline_name(code);
  return name != nullptr ? fmt::format("{:#010x} {}", code, name)
                         : fmt::format("{:#010x}", code);
}

std::string mode_text(const SmcSocket& s) {
  if (s.state == kSmcListen) return "-";
  if (s.mode != kSmcDiagModeFallbackTcp) return mode_name(s.mode);
  std::string text = "TCP " + describe_decline(s.fallback_reason);
  if (s.peer_diagnosis != 0) {
    text += "/" + describe_decline(s.peer_diagnosis);
  }
  return text;
}

}  // namespace smc
