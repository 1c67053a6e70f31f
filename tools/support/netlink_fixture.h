// Netlink replies built byte by byte as the kernel lays them out (nla_put,
// genlmsg_put), for tests and fixtures of the parsers: attributes with
// their padding, nests, and whole SMC generic netlink messages.
#pragma once

#include <linux/netlink.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/kernel/netlink.h"

namespace smc::testing {

using Blob = std::vector<std::byte>;

// One attribute, padded to 4 bytes (nla_put).
inline Blob attr(std::uint16_t type, const void* data, std::size_t size) {
  Blob out(4 + (size + 3) / 4 * 4);
  const std::uint16_t length = static_cast<std::uint16_t>(4 + size);
  std::memcpy(out.data(), &length, 2);
  std::memcpy(out.data() + 2, &type, 2);
  if (size > 0) std::memcpy(out.data() + 4, data, size);
  return out;
}
// A nest: an attribute holding attributes.
inline Blob attr(std::uint16_t type, const Blob& inner) {
  return attr(type, inner.data(), inner.size());
}
// A string with its NUL (nla_put_string).
inline Blob str(std::uint16_t type, const std::string& s) {
  return attr(type, s.c_str(), s.size() + 1);
}
template <typename T>
Blob num(std::uint16_t type, T value) {
  return attr(type, &value, sizeof value);
}
inline Blob cat(const std::vector<Blob>& parts) {
  Blob out;
  for (const Blob& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A reply message of the SMC family: genlmsghdr with `command`, then
// `attributes`. `bytes` holds what `message` points into, shared, so that
// copies of a Reply stay valid.
struct Reply {
  std::shared_ptr<const Blob> bytes;
  NetlinkMessage message;
};
inline Reply reply(std::uint8_t command, const Blob& attributes) {
  Reply r;
  NetlinkRequest request = genl_request(0x1c, command, 1, NLM_F_MULTI);
  if (!attributes.empty()) request.payload(attributes.data(), attributes.size());
  r.bytes = std::make_shared<const Blob>(request.bytes(1));
  r.message = (*split_messages(*r.bytes))[0];
  return r;
}

}  // namespace smc::testing
