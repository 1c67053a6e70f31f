#include "core/kernel/netlink.h"

#include <doctest/doctest.h>
#include <linux/netlink.h>

#include <cstring>
#include <vector>

namespace smc {
namespace {

std::vector<std::byte> concat(std::vector<std::vector<std::byte>> parts) {
  std::vector<std::byte> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

TEST_CASE("netlink request lays out header, payload and padded attributes") {
  const unsigned char fixed[3] = {1, 2, 3};
  NetlinkRequest r(20, NLM_F_REQUEST | NLM_F_DUMP);
  r.payload(fixed, sizeof fixed).attribute(7, "ab", 2).string_attribute(9, "x");
  const std::vector<std::byte> b = r.bytes(42);
  // 16 header + 4 payload (3 padded) + 8 (4+2 padded) + 8 (4+2 padded).
  REQUIRE(b.size() == 36);
  nlmsghdr h{};
  std::memcpy(&h, b.data(), sizeof h);
  CHECK(h.nlmsg_len == 36);
  CHECK(h.nlmsg_type == 20);
  CHECK(h.nlmsg_flags == (NLM_F_REQUEST | NLM_F_DUMP));
  CHECK(h.nlmsg_seq == 42);
  CHECK(static_cast<int>(b[16]) == 1);
  CHECK(static_cast<int>(b[19]) == 0);  // padding

  const auto messages = split_messages(b);
  REQUIRE(messages);
  REQUIRE(messages->size() == 1);
  const auto attributes = split_attributes((*messages)[0].payload, 3);
  REQUIRE(attributes);
  REQUIRE(attributes->size() == 2);
  CHECK((*attributes)[0].type == 7);
  CHECK((*attributes)[0].data.size() == 2);
  CHECK((*attributes)[1].type == 9);
  CHECK((*attributes)[1].data.size() == 2);  // "x" and its NUL
}

TEST_CASE("netlink replies split into every message of a datagram") {
  const auto a = NetlinkRequest(16, NLM_F_MULTI).attribute(1, "abc", 3).bytes(5);
  const auto b = NetlinkRequest(NLMSG_DONE, NLM_F_MULTI).payload("\0\0\0\0", 4).bytes(5);
  const auto both = concat({a, b});
  const auto messages = split_messages(both);
  REQUIRE(messages);
  REQUIRE(messages->size() == 2);
  CHECK((*messages)[0].type == 16);
  CHECK((*messages)[0].seq == 5);
  CHECK((*messages)[1].type == NLMSG_DONE);
  CHECK(split_messages({})->empty());
}

TEST_CASE("netlink parser rejects lengths that leave the buffer") {
  auto a = NetlinkRequest(16, 0).attribute(1, "abc", 3).bytes(1);
  std::vector<std::byte> cut(a.begin(), a.end() - 4);
  CHECK_FALSE(split_messages(cut));
  std::vector<std::byte> tiny(a.begin(), a.begin() + 10);
  CHECK_FALSE(split_messages(tiny));  // a partial header

  auto bad_len = a;
  const std::uint32_t huge = 1000;
  std::memcpy(bad_len.data(), &huge, sizeof huge);
  CHECK_FALSE(split_messages(bad_len));
  const std::uint32_t small = 4;  // shorter than a header
  std::memcpy(bad_len.data(), &small, sizeof small);
  CHECK_FALSE(split_messages(bad_len));

  const auto m = split_messages(a);
  REQUIRE(m);
  auto payload = (*m)[0].payload;
  CHECK_FALSE(split_attributes(payload.first(payload.size() - 2), 0));
  CHECK_FALSE(split_attributes(payload, payload.size() + 4));
  CHECK(split_attributes(payload.first(0), 0)->empty());
}

TEST_CASE("generic netlink requests start with the command and version") {
  NetlinkRequest r = genl_request(0x1c, 5, 1, NLM_F_REQUEST | NLM_F_DUMP);
  r.attribute(3, "ab", 2);
  const auto bytes = r.bytes(9);
  const auto m = split_messages(bytes);
  REQUIRE(m);
  REQUIRE(m->size() == 1);
  const NetlinkMessage& message = (*m)[0];
  CHECK(message.type == 0x1c);
  CHECK(message.flags == (NLM_F_REQUEST | NLM_F_DUMP));
  REQUIRE(message.payload.size() >= 4);
  CHECK(static_cast<int>(message.payload[0]) == 5);  // genlmsghdr.cmd
  CHECK(static_cast<int>(message.payload[1]) == 1);  // genlmsghdr.version
  const auto attributes = genl_attributes(message);
  REQUIRE(attributes);
  REQUIRE(attributes->size() == 1);
  CHECK((*attributes)[0].type == 3);
  CHECK((*attributes)[0].data.size() == 2);
  // A message too short for its genlmsghdr is refused.
  const auto bare = split_messages(NetlinkRequest(0x1c, 0).bytes(1));
  CHECK_FALSE(genl_attributes((*bare)[0]));
}

TEST_CASE("netlink error replies give their errno") {
  const int code = -19;
  const auto e = NetlinkRequest(NLMSG_ERROR, 0).payload(&code, sizeof code).bytes(1);
  const auto m = split_messages(e);
  REQUIRE(m);
  CHECK(error_code((*m)[0]) == -19);
  const auto empty = NetlinkRequest(NLMSG_ERROR, 0).bytes(1);
  CHECK_FALSE(error_code((*split_messages(empty))[0]));
}

TEST_CASE("netlink exchange refuses a request the kernel would not end") {
  int error = 0;
  const auto r = netlink_exchange(NETLINK_SOCK_DIAG, NetlinkRequest(20, NLM_F_REQUEST),
                                  "x", [](const NetlinkMessage&) {}, &error);
  CHECK_FALSE(r.ok());
  CHECK(error == EINVAL);
}

// host_only: asks this machine's kernel over generic netlink, which qemu-user
// does not carry for other architectures (.bazelrc, config cross).
TEST_CASE("netlink exchange reports a missing generic family with ENOENT" *
          doctest::test_suite("host_only")) {
  int error = 0;
  const auto id = genl_family_id("NO_SUCH_FAMILY", &error);
  REQUIRE_FALSE(id.ok());
  CHECK(error == ENOENT);
  CHECK(id.error().message ==
        "generic netlink family NO_SUCH_FAMILY is not available: No such "
        "file or directory");
  // Names are at most GENL_NAMSIZ - 1 = 15 characters (linux/genetlink.h).
  CHECK_FALSE(genl_family_id("SIXTEEN_CHARS_XX", &error).ok());
  CHECK(error == EINVAL);
  // A family every kernel has.
  CHECK(genl_family_id("nlctrl", &error).ok());
}

}  // namespace
}  // namespace smc
