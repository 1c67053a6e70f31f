#include "base/connection_outcome.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace smc {
namespace {

// The outcome in one message of the dump, when it is the SMC_DIAG reply
// for `inode`.
bool outcome_in_message(const nlmsghdr& header, const unsigned char* payload,
                        std::uint64_t inode, ConnectionOutcome* outcome) {
  SmcDiagReply reply;
  if (header.nlmsg_type != SOCK_DIAG_BY_FAMILY ||
      !decode_smc_diag(payload, header.nlmsg_len - NLMSG_HDRLEN, &reply) ||
      reply.message.inode != inode) {
    return false;
  }
  *outcome = outcome_of(reply);
  return true;
}

}  // namespace

ConnectionOutcome outcome_of_mode(std::uint8_t mode, std::uint32_t reason,
                                  std::uint32_t peer_reason) {
  switch (mode) {
    case kSmcDiagModeSmcD:
      return {Outcome::kSmcD, 0, 0};
    case kSmcDiagModeSmcR:
      return {Outcome::kSmcR, 0, 0};
    case kSmcDiagModeFallbackTcp:
      return {Outcome::kFallback, reason, peer_reason};
  }
  return {Outcome::kUnknown, 0, 0};
}

ConnectionOutcome outcome_of(const SmcDiagReply& reply) {
  return outcome_of_mode(reply.message.mode, reply.fallback.reason,
                         reply.fallback.peer_diagnosis);
}

bool connection_settled(std::uint8_t state) {
  // A socket before connect() or accept() is INIT and reports SMC-R
  // (net/smc/smc_diag.c fills diag_mode that way by default).
  return state != kSmcInit && state != kSmcListen && state != kSmcClosed;
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

std::size_t outcome_request(unsigned char* out, std::size_t capacity) {
  const std::size_t length = NLMSG_LENGTH(sizeof(SmcDiagRequest));
  if (capacity < length) return 0;
  std::memset(out, 0, length);
  nlmsghdr header{};
  header.nlmsg_len = static_cast<std::uint32_t>(length);
  header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  header.nlmsg_seq = 1;
  std::memcpy(out, &header, sizeof header);
  // No extensions: the mode and the fallback reasons come with every reply.
  const SmcDiagRequest request = smc_diag_dump(0);
  std::memcpy(out + NLMSG_HDRLEN, &request, sizeof request);
  return length;
}

bool find_outcome(const unsigned char* data, std::size_t size,
                  std::uint64_t inode, ConnectionOutcome* outcome, bool* done) {
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
    if (outcome_in_message(h, data + at + NLMSG_HDRLEN, inode, outcome)) return true;
    at += NLMSG_ALIGN(h.nlmsg_len);
    if (at > size) break;
  }
  return false;
}

ConnectionOutcome query_outcome(std::uint64_t inode,
                                int (*make_socket)(int, int, int)) {
  const int saved_errno = errno;
  ConnectionOutcome outcome{Outcome::kUnknown, 0, 0};
  const int fd = make_socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) {
    errno = saved_errno;
    return outcome;
  }
  unsigned char request[NLMSG_LENGTH(sizeof(SmcDiagRequest))];
  const std::size_t length = outcome_request(request, sizeof request);
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
      if (find_outcome(buffer, static_cast<std::size_t>(n), inode, &outcome, &done)) break;
    }
  }
  close(fd);
  errno = saved_errno;
  return outcome;
}

}  // namespace smc
