#include "hooks/verdict.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>

#include "base/smc_abi.h"

namespace smc {
namespace {

constexpr std::size_t kRequestPayload = sizeof(SmcDiagRequest);
constexpr std::size_t kMessageSize = sizeof(SmcDiagMessage);
constexpr std::size_t kModeOffset = offsetof(SmcDiagMessage, mode);
constexpr std::size_t kInodeOffset = offsetof(SmcDiagMessage, inode);
constexpr std::uint16_t kAttrFallback = kSmcDiagFallback;
constexpr std::uint8_t kModeSmcR = kSmcDiagModeSmcR;
constexpr std::uint8_t kModeFallback = kSmcDiagModeFallbackTcp;
constexpr std::uint8_t kModeSmcD = kSmcDiagModeSmcD;

std::uint32_t u32(const unsigned char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// net/smc/smc_clc.h, SMC_CLC_DECL_*: the codes and what they mean.
struct Decline {
  std::uint32_t code;
  const char* name;
  const char* text;
};

constexpr Decline kDeclines[] = {
    {kDeclMem, "MEM", "insufficient memory"},
    {kDeclTimeoutCl, "TIMEOUT_CL", "timeout waiting for confirm link"},
    {kDeclTimeoutAl, "TIMEOUT_AL", "timeout waiting for add link"},
    {kDeclCnfErr, "CNFERR", "configuration error"},
    {kDeclPeerNoSmc, "PEERNOSMC", "peer did not indicate SMC"},
    {kDeclIpsec, "IPSEC", "IPsec in use"},
    {kDeclNoSmcDev, "NOSMCDEV", "no SMC device found (R or D)"},
    {kDeclNoSmcdDev, "NOSMCDDEV", "no SMC-D device found"},
    {kDeclNoSmcrDev, "NOSMCRDEV", "no SMC-R device found"},
    {kDeclNoIsm2Supp, "NOISM2SUPP", "hardware has no ISMv2 support"},
    {kDeclNoV2Ext, "NOV2EXT", "peer sent no CLC v2 extension"},
    {kDeclNoV2DExt, "NOV2DEXT", "peer sent no CLC SMC-Dv2 extension"},
    {kDeclNoSeid, "NOSEID", "peer sent no SEID"},
    {kDeclNoSmcd2Dev, "NOSMCD2DEV", "no SMC-Dv2 device found"},
    {kDeclNoUeid, "NOUEID", "peer sent no UEID"},
    {kDeclReleaseErr, "RELEASEERR", "release version negotiation failed"},
    {kDeclMaxConnErr, "MAXCONNERR", "max connections negotiation failed"},
    {kDeclMaxLinkErr, "MAXLINKERR", "max links negotiation failed"},
    {kDeclModeUnsupp, "MODEUNSUPP", "SMC modes do not match (R or D)"},
    {kDeclRmbeEc, "RMBE_EC", "peer has eyecatcher in RMBE"},
    {kDeclOptUnsupp, "OPTUNSUPP", "fastopen sockopt not supported"},
    {kDeclDiffPrefix, "DIFFPREFIX", "IP prefix / subnet mismatch"},
    {kDeclGetVlanErr, "GETVLANERR", "cannot get VLAN id of IP device"},
    {kDeclIsmVlanErr, "ISMVLANERR", "cannot register VLAN id on ISM device"},
    {kDeclNoActLink, "NOACTLINK", "no active SMC-R link in link group"},
    {kDeclNoSrvLink, "NOSRVLINK", "SMC-R link from server not found"},
    {kDeclVersMismat, "VERSMISMAT", "SMC version mismatch"},
    {kDeclMaxDmb, "MAX_DMB", "SMC-D DMB limit exceeded"},
    {kDeclNoRoute, "NOROUTE", "SMC-Rv2 connection: no route to peer"},
    {kDeclNoIndirect, "NOINDIRECT", "SMC-Rv2 connection: indirect mismatch"},
    {kDeclSyncErr, "SYNCERR", "synchronization error"},
    {kDeclPeerDecl, "PEERDECL", "peer declined during handshake"},
    {kDeclIntErr, "INTERR", "internal error"},
    {kDeclErrRtok, "ERR_RTOK", "rtoken handling failed"},
    {kDeclErrRdyLnk, "ERR_RDYLNK", "ib ready link failed"},
    {kDeclErrRegBuf, "ERR_REGBUF", "reg rdma bufs failed"},
};

const Decline* find_decline(std::uint32_t code) {
  for (const Decline& d : kDeclines) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

}  // namespace

const char* decline_name(std::uint32_t code) {
  const Decline* d = find_decline(code);
  return d != nullptr ? d->name : nullptr;
}

const char* decline_text(std::uint32_t code) {
  const Decline* d = find_decline(code);
  return d != nullptr ? d->text : nullptr;
}

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSmcD:
      return "SMC-D";
    case Outcome::kSmcR:
      return "SMC-R";
    case Outcome::kFallback:
      return "TCP fallback";
    case Outcome::kTcp:
      return "TCP";
    case Outcome::kUnknown:
      break;
  }
  return "unknown";
}

std::size_t verdict_request(unsigned char* out, std::size_t capacity) {
  const std::size_t length = NLMSG_LENGTH(kRequestPayload);
  if (capacity < length) return 0;
  std::memset(out, 0, length);
  nlmsghdr header{};
  header.nlmsg_len = static_cast<std::uint32_t>(length);
  header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  header.nlmsg_seq = 1;
  std::memcpy(out, &header, sizeof header);
  out[NLMSG_HDRLEN] = kAfSmc;  // diag_family; no extensions, any state
  return length;
}

bool find_verdict(const unsigned char* data, std::size_t size,
                  std::uint64_t inode, DiagVerdict* verdict, bool* done) {
  std::size_t at = 0;
  while (size - at >= NLMSG_HDRLEN) {
    nlmsghdr h;
    std::memcpy(&h, data + at, sizeof h);
    if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > size - at) {
      *done = true;  // malformed: stop reading
      return false;
    }
    if (h.nlmsg_type == NLMSG_DONE || h.nlmsg_type == NLMSG_ERROR) {
      *done = true;
      return false;
    }
    const unsigned char* payload = data + at + NLMSG_HDRLEN;
    const std::size_t payload_size = h.nlmsg_len - NLMSG_HDRLEN;
    if (h.nlmsg_type == SOCK_DIAG_BY_FAMILY && payload_size >= kMessageSize) {
      std::uint64_t found;
      std::memcpy(&found, payload + kInodeOffset, sizeof found);
      if (found == inode) {
        const std::uint8_t mode = payload[kModeOffset];
        *verdict = {mode == kModeSmcD   ? Outcome::kSmcD
                    : mode == kModeSmcR ? Outcome::kSmcR
                    : mode == kModeFallback ? Outcome::kFallback
                                            : Outcome::kUnknown,
                    0, 0};
        // Attributes: struct nlattr (length, type), each 4-byte aligned.
        std::size_t a = kMessageSize;
        while (payload_size - a >= 4) {
          std::uint16_t length;
          std::uint16_t type;
          std::memcpy(&length, payload + a, 2);
          std::memcpy(&type, payload + a + 2, 2);
          if (length < 4 || length > payload_size - a) break;
          if (type == kAttrFallback && length >= 4 + 8) {
            verdict->reason = u32(payload + a + 4);
            verdict->peer_reason = u32(payload + a + 8);
          }
          a += (length + 3u) & ~3u;
          if (a > payload_size) break;
        }
        return true;
      }
    }
    at += NLMSG_ALIGN(h.nlmsg_len);
    if (at > size) break;
  }
  return false;
}

DiagVerdict query_verdict(std::uint64_t inode,
                      int (*real_socket)(int, int, int)) {
  const int saved_errno = errno;
  DiagVerdict verdict{Outcome::kUnknown, 0, 0};
  const int fd = real_socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
                             NETLINK_SOCK_DIAG);
  if (fd < 0) {
    errno = saved_errno;
    return verdict;
  }
  unsigned char request[NLMSG_LENGTH(kRequestPayload)];
  const std::size_t length = verdict_request(request, sizeof request);
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (sendto(fd, request, length, 0, reinterpret_cast<sockaddr*>(&kernel),
             sizeof kernel) == static_cast<ssize_t>(length)) {
    alignas(nlmsghdr) unsigned char buffer[8192];
    bool done = false;
    // The dump comes in chunks; stop at the match or its end. Bounded, in
    // case a kernel never ends it.
    for (int chunks = 0; !done && chunks < 4096; ++chunks) {
      const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      if (find_verdict(buffer, static_cast<std::size_t>(n), inode, &verdict,
                       &done)) {
        break;
      }
    }
  }
  close(fd);
  errno = saved_errno;
  return verdict;
}

}  // namespace smc
