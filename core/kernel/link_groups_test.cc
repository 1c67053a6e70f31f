#include "core/kernel/link_groups.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tools/support/netlink_fixture.h"

namespace smc {
namespace {

using testing::attr;
using testing::Blob;
using testing::cat;
using testing::num;
using testing::reply;
using testing::Reply;
using testing::str;

// SMC_NLA_LGR_V2_* (numbered from 0), as smc_nl_fill_lgr_v2_common sends
// them: the host name and EID blank-padded to 32.
Blob v2_common(std::uint16_t nest) {
  return attr(nest, cat({num<std::uint8_t>(0, 2), num<std::uint8_t>(1, 1),
                         num<std::uint8_t>(2, 2), str(4, "smc-testbed-b" + std::string(19, ' ')),
                         str(3, "SMC-RUN-TESTBED" + std::string(17, ' '))}));
}

// An SMC_GEN_LGR_SMCR (2) message as smc_nl_fill_lgr builds it.
Reply smcr_group(std::uint32_t id, std::uint8_t role, std::uint32_t conns) {
  return reply(3, attr(2, cat({num<std::uint32_t>(1, id), num<std::uint32_t>(6, conns),
                               num<std::uint8_t>(2, role), num<std::uint8_t>(3, 1),
                               num<std::uint8_t>(11, 0), num<std::uint8_t>(5, 0),
                               num<std::uint64_t>(9, 0x1234), str(4, std::string(16, ' ')),
                               num<std::uint32_t>(12, 65536), num<std::uint64_t>(13, 1ull << 33),
                               v2_common(7),
                               attr(8, cat({num<std::uint8_t>(1, 1), num<std::uint8_t>(2, 255),
                                            num<std::uint8_t>(3, 2)}))})));
}

// An SMC_GEN_LINK_SMCR (3) message as smc_nl_fill_lgr_link builds it.
Reply smcr_link(std::uint8_t id, std::uint32_t state) {
  return reply(3, attr(3, cat({num<std::uint8_t>(1, id), num<std::uint32_t>(10, state),
                               num<std::uint32_t>(6, 2), num<std::uint8_t>(3, 1),
                               num<std::uint32_t>(7, 2), str(2, "rxe0"),
                               num<std::uint32_t>(8, 0x11223344), num<std::uint32_t>(9, 0x55667788),
                               str(4, "0000:0000:0000:0000:0000:ffff:c612:0001"),
                               str(5, "0000:0000:0000:0000:0000:ffff:c612:0002")})));
}

TEST_CASE("SMC-R link group message gives its id, role, v2 facts and buffers") {
  const auto g = parse_smcr_link_group(smcr_group(0x2d00, 1, 2).message);
  REQUIRE(g);
  CHECK(g->id == 0x2d00);
  CHECK(g->role == 1);
  CHECK(g->type == 1);
  CHECK(g->connections == 2);
  CHECK(g->pnetid.empty());
  CHECK(g->sndbuf_bytes == 65536);
  CHECK(g->rmb_bytes == 1ull << 33);
  REQUIRE(g->v2);
  CHECK(g->v2->version == 2);
  CHECK(g->v2->peer_release == 1);
  CHECK(g->v2->peer_os == 2);
  CHECK(g->v2->negotiated_eid == "SMC-RUN-TESTBED");
  CHECK(g->v2->peer_host == "smc-testbed-b");
  CHECK(g->direct);
  CHECK(g->max_connections == 255);
  CHECK(g->max_links == 2);
  CHECK(g->links.empty());
}

TEST_CASE("SMC-R link message gives its device, GIDs and state") {
  const auto l = parse_smcr_link(smcr_link(1, 3).message);
  REQUIRE(l);
  CHECK(l->id == 1);
  CHECK(l->ib_device == "rxe0");
  CHECK(l->ib_port == 1);
  CHECK(l->gid == "0000:0000:0000:0000:0000:ffff:c612:0001");
  CHECK(l->peer_gid == "0000:0000:0000:0000:0000:ffff:c612:0002");
  CHECK(l->connections == 2);
  CHECK(l->netdev_index == 2);
  CHECK(l->uid == 0x11223344);
  CHECK(l->peer_uid == 0x55667788);
  CHECK(l->state == 3);
  // Neither is the other.
  CHECK_FALSE(parse_smcr_link(smcr_group(1, 0, 0).message));
  CHECK_FALSE(parse_smcr_link_group(smcr_link(1, 3).message));
}

TEST_CASE("link dump puts each link under the link group before it") {
  const std::vector<Reply> replies = {smcr_group(0x100, 0, 1), smcr_link(1, 3),
                                      smcr_link(2, 2), smcr_group(0x200, 1, 0)};
  std::vector<NetlinkMessage> messages;
  for (const Reply& r : replies) messages.push_back(r.message);
  const auto groups = collect_smcr_link_groups(messages);
  REQUIRE(groups);
  REQUIRE(groups->size() == 2);
  CHECK((*groups)[0].id == 0x100);
  REQUIRE((*groups)[0].links.size() == 2);
  CHECK((*groups)[0].links[1].id == 2);
  CHECK((*groups)[1].links.empty());
  CHECK(collect_smcr_link_groups({})->empty());
  // A link with no link group before it, or a stray message, is malformed.
  CHECK_FALSE(collect_smcr_link_groups({replies[1].message}));
  const Reply stray = reply(3, {});
  CHECK_FALSE(collect_smcr_link_groups({replies[0].message, stray.message}));
}

TEST_CASE("link dump refuses more links per group than the kernel has") {
  std::vector<Reply> replies = {smcr_group(1, 0, 0)};
  for (std::uint8_t i = 0; i < 4; ++i) replies.push_back(smcr_link(i, 3));
  std::vector<NetlinkMessage> messages;
  for (const Reply& r : replies) messages.push_back(r.message);
  CHECK_FALSE(collect_smcr_link_groups(messages));
  messages.pop_back();
  CHECK(collect_smcr_link_groups(messages));
}

TEST_CASE("SMC-D link group message gives its GIDs, CHID and DMB bytes") {
  const Reply r = reply(4, attr(4, cat({num<std::uint32_t>(1, 0x300), num<std::uint64_t>(2, 7),
                                        num<std::uint64_t>(10, 0), num<std::uint64_t>(3, 8),
                                        num<std::uint64_t>(11, 0), num<std::uint8_t>(4, 0),
                                        num<std::uint32_t>(5, 1), num<std::uint32_t>(7, 0xffff),
                                        num<std::uint32_t>(12, 16384), num<std::uint32_t>(13, 65536),
                                        str(6, std::string(16, ' ')), v2_common(9)})));
  const auto g = parse_smcd_link_group(r.message);
  REQUIRE(g);
  CHECK(g->id == 0x300);
  CHECK(g->gid == 7);
  CHECK(g->peer_gid == 8);
  CHECK(g->connections == 1);
  CHECK(g->chid == 0xffff);
  CHECK(g->sndbuf_bytes == 16384);
  CHECK(g->dmb_bytes == 65536);
  REQUIRE(g->v2);
  CHECK(g->v2->negotiated_eid == "SMC-RUN-TESTBED");
  CHECK_FALSE(parse_smcd_link_group(smcr_group(1, 0, 0).message));
}

}  // namespace
}  // namespace smc
