// Just enough netlink for SMC_DIAG (NETLINK_SOCK_DIAG) and the SMC generic
// netlink family: building one request, splitting replies into messages and
// attributes, and a blocking request/reply exchange.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace smc {

using Bytes = std::span<const std::byte>;

// One netlink message under construction: header, fixed payload, attributes.
class NetlinkRequest {
 public:
  NetlinkRequest(std::uint16_t type, std::uint16_t flags);

  NetlinkRequest& payload(const void* data, std::size_t length);
  NetlinkRequest& attribute(std::uint16_t type, const void* data,
                            std::size_t length);
  NetlinkRequest& string_attribute(std::uint16_t type, const std::string& s);

  // The finished message with the given sequence number.
  std::vector<std::byte> bytes(std::uint32_t seq) const;
  std::uint16_t flags() const { return flags_; }

 private:
  std::uint16_t type_;
  std::uint16_t flags_;
  std::vector<std::byte> body_;  // everything after the header
};

struct NetlinkMessage {
  std::uint16_t type;
  std::uint16_t flags;
  std::uint32_t seq;
  Bytes payload;
};

// The messages in one received datagram; nullopt if a length field points
// outside it (a truncated or corrupt reply).
std::optional<std::vector<NetlinkMessage>> split_messages(Bytes datagram);

struct NetlinkAttribute {
  std::uint16_t type;  // without the nested/byte-order flag bits
  Bytes data;
};

// The attributes that follow `header_size` bytes of fixed payload; nullopt
// if they do not fit.
std::optional<std::vector<NetlinkAttribute>> split_attributes(
    Bytes payload, std::size_t header_size);

// The negative errno of an NLMSG_ERROR message (0 for an acknowledgement),
// nullopt if the message is too short to hold one.
std::optional<int> error_code(const NetlinkMessage& message);

// Sends `request` (which must ask for NLM_F_DUMP or NLM_F_ACK, so that the
// kernel ends its reply) on a new socket of netlink `protocol` and passes
// every reply message but the final one to `on_message`. A kernel error becomes an
// Error with `what` and the errno text; `errno_out`, when given, receives
// the errno (0 on success) so callers can explain specific ones.
Result<Ok> netlink_exchange(
    int protocol, const NetlinkRequest& request, const std::string& what,
    const std::function<void(const NetlinkMessage&)>& on_message,
    int* errno_out = nullptr);

// The id of generic netlink family `name` (from the genl controller).
Result<std::uint16_t> genl_family_id(const std::string& name, int* errno_out);

// A request to generic netlink family `family`: its header (genlmsghdr)
// with `command` and `version` is in place; attributes may follow.
NetlinkRequest genl_request(std::uint16_t family, std::uint8_t command,
                            std::uint8_t version, std::uint16_t flags);

// The attributes of a generic netlink message, after its genlmsghdr;
// nullopt if they do not fit.
std::optional<std::vector<NetlinkAttribute>> genl_attributes(
    const NetlinkMessage& message);

}  // namespace smc
