// Reading the attributes of SMC generic netlink replies, for the parsers
// of core/smc_genl: numbers of the kernel's sizes, strings, nests, and the
// dumps themselves. Internal to core/smc_genl.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/kernel/netlink.h"

namespace smc::genl {

// A fixed-size number (nla_put_u8 ... nla_put_u64_64bit); nullopt when the
// attribute is shorter.
template <typename T>
std::optional<T> number(const NetlinkAttribute& a) {
  if (a.data.size() < sizeof(T)) return std::nullopt;
  T value{};
  std::memcpy(&value, a.data.data(), sizeof value);
  return value;
}

// nla_put_uint: 4 bytes when the value fits, else 8 (include/net/netlink.h).
std::optional<std::uint64_t> uint_value(const NetlinkAttribute& a);

// nla_put_string attributes end in a NUL; stop at the first one anyway.
std::string text(const NetlinkAttribute& a);

// PNET IDs, host names and EIDs are blank-padded to their fixed lengths.
std::string without_padding(std::string s);

// The attributes inside the nest of type `nest` at the top of `message`;
// nullopt when there is none or it does not parse.
std::optional<std::vector<NetlinkAttribute>> nested(const NetlinkMessage& message,
                                                    std::uint16_t nest);

// Runs dump `command` of the SMC family, handing over each message of it.
// A missing family (no smc module) and other failures become errors that
// start with `what`; `errno_out` (when given) receives the errno.
Result<Ok> dump(std::uint8_t command, const std::string& what,
                const std::function<void(const NetlinkMessage&)>& on_message,
                int* errno_out);

// The error for a dump whose messages did not parse (EBADMSG).
Error malformed(const std::string& what, int* errno_out);

// Every message of dump `command`, each read by `parse`; one that does not
// parse makes the whole dump malformed.
template <typename T>
Result<std::vector<T>> dump_all(std::uint8_t command, const std::string& what,
                                std::optional<T> (*parse)(const NetlinkMessage&),
                                int* errno_out) {
  std::vector<T> items;
  bool bad = false;
  const Result<Ok> r = dump(
      command, what,
      [&](const NetlinkMessage& m) {
        std::optional<T> item = parse(m);
        if (item) {
          items.push_back(std::move(*item));
        } else {
          bad = true;
        }
      },
      errno_out);
  if (!r) return r.error();
  if (bad) return malformed(what, errno_out);
  return items;
}

// Sends `command` as a request (no dump) and waits for the kernel's answer.
Result<Ok> request(std::uint8_t command, const std::string& what, int* errno_out);

}  // namespace smc::genl
