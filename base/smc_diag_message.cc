#include "base/smc_diag_message.h"

#include <linux/netlink.h>
#include <sys/socket.h>

#include <cstring>

namespace smc {
namespace {

// The attribute at `at` in payload[0..size), or false at the end or when
// its length is impossible (*malformed says which).
bool read_attribute(const unsigned char* payload, std::size_t size, std::size_t at,
                    nlattr* header, bool* malformed) {
  *malformed = false;
  if (size - at < sizeof(nlattr)) {
    *malformed = at != size;
    return false;
  }
  std::memcpy(header, payload + at, sizeof *header);
  if (header->nla_len < NLA_HDRLEN || header->nla_len > size - at) {
    *malformed = true;
    return false;
  }
  return true;
}

// Takes what one attribute says into `reply`.
void take_attribute(std::uint16_t type, const unsigned char* data, std::size_t length,
                    SmcDiagReply* reply) {
  if (type == kSmcDiagShutdown && length >= 1) {
    reply->shutdown = data[0];
  } else if (type == kSmcDiagFallback && length >= sizeof(SmcDiagFallback)) {
    std::memcpy(&reply->fallback, data, sizeof reply->fallback);
  } else if (type == kSmcDiagConnInfo && length >= sizeof(SmcDiagConnInfo)) {
    std::memcpy(&reply->conninfo, data, sizeof reply->conninfo);
    reply->has_conninfo = true;
  } else if (type == kSmcDiagLgrInfo && length >= sizeof(SmcDiagLgrInfo)) {
    std::memcpy(&reply->lgrinfo, data, sizeof reply->lgrinfo);
    // The kernel NUL-pads its names; a reply without the NUL still must
    // not let a reader run past them.
    reply->lgrinfo.link.ibname[sizeof reply->lgrinfo.link.ibname - 1] = '\0';
    reply->lgrinfo.link.gid[sizeof reply->lgrinfo.link.gid - 1] = '\0';
    reply->lgrinfo.link.peer_gid[sizeof reply->lgrinfo.link.peer_gid - 1] = '\0';
    reply->has_lgrinfo = true;
  }
}

}  // namespace

SmcDiagRequest smc_diag_dump(std::uint8_t extensions) {
  SmcDiagRequest request{};
  request.family = kAfSmc;
  request.ext = extensions;
  return request;
}

bool decode_smc_diag(const void* payload, std::size_t size, SmcDiagReply* reply) {
  const auto* bytes = static_cast<const unsigned char*>(payload);
  SmcDiagReply r{};
  if (size < sizeof r.message) return false;
  std::memcpy(&r.message, bytes, sizeof r.message);
  // diag_family is the socket's own (net/smc/smc_diag.c): AF_SMC, or
  // AF_INET/AF_INET6 for IPPROTO_SMC sockets (Linux 6.11+).
  const int family = r.message.family;
  if (family != kAfSmc && family != AF_INET && family != AF_INET6) return false;
  std::size_t at = NLMSG_ALIGN(sizeof r.message);
  if (at > size) return false;
  nlattr header{};
  bool malformed = false;
  while (read_attribute(bytes, size, at, &header, &malformed)) {
    take_attribute(static_cast<std::uint16_t>(header.nla_type & NLA_TYPE_MASK),
                   bytes + at + NLA_HDRLEN, header.nla_len - NLA_HDRLEN, &r);
    at += NLA_ALIGN(header.nla_len);
    if (at > size) at = size;  // the last attribute's padding may be left out
  }
  if (malformed) return false;
  *reply = r;
  return true;
}

}  // namespace smc
