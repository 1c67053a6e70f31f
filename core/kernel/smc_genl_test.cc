#include "core/kernel/smc_genl.h"

#include <doctest/doctest.h>
#include <linux/netlink.h>

#include <cerrno>
#include <cstring>
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

TEST_CASE("SMC system info says whether an SMC-Dv2 device is there") {
  const Blob info = cat({num<std::uint8_t>(1, 2), num<std::uint8_t>(2, 1),
                         num<std::uint8_t>(3, 1), str(4, "guest     "),
                         str(5, std::string()), num<std::uint8_t>(6, 1)});
  const Reply r = reply(1, attr(1, info));
  const auto parsed = parse_system_info(r.message);
  REQUIRE(parsed);
  CHECK(parsed->version == 2);
  CHECK(parsed->release == 1);
  CHECK(parsed->ism_v2);
  CHECK(parsed->smcr_v2);
  CHECK(parsed->host == "guest");
  CHECK(parsed->seid.empty());

  const Reply without_v2 = reply(1, attr(1, num<std::uint8_t>(3, 0)));
  CHECK_FALSE(parse_system_info(without_v2.message)->ism_v2);
  // No SMC_GEN_SYS_INFO nest, or a nest that does not parse: nothing.
  CHECK_FALSE(parse_system_info(reply(1, {}).message));
  const Blob cut = {std::byte{8}, std::byte{0}, std::byte{1}, std::byte{0}};
  CHECK_FALSE(parse_system_info(reply(1, attr(1, cut)).message));
}

TEST_CASE("SMC-D devices give their PCI id, CHID and PNET ID") {
  const Blob port = cat({num<std::uint8_t>(1, 1), str(2, "NET1            ")});
  const Blob device = cat({num<std::uint32_t>(1, 3), num<std::uint8_t>(2, 1),
                           num<std::uint32_t>(3, 0x10), num<std::uint16_t>(4, 0x7f),
                           num<std::uint16_t>(5, 0x1014), num<std::uint16_t>(6, 0x04ed),
                           str(7, "0000:00:05.0"), attr(8, port)});
  const Reply r = reply(5, attr(5, device));
  const auto parsed = parse_smcd_device(r.message);
  REQUIRE(parsed);
  CHECK(parsed->pci_id == "0000:00:05.0");
  CHECK(parsed->chid == 0x7f);
  CHECK(parsed->pnetid == "NET1");
  CHECK(parsed->pnetid_by_user);
  CHECK(parsed->use_count == 3);
  CHECK(parsed->critical);
  CHECK(parsed->pci.fid == 0x10);
  CHECK(parsed->pci.vendor == 0x1014);
  CHECK(parsed->pci.device == 0x04ed);
  // A blank PNET ID is none.
  const Reply blank = reply(5, attr(5, attr(8, str(2, std::string(16, ' ')))));
  CHECK(parse_smcd_device(blank.message)->pnetid.empty());
  // An SMC-R reply is not an SMC-D device.
  CHECK_FALSE(parse_smcd_device(reply(6, attr(6, str(10, "rxe0"))).message));
}

TEST_CASE("SMC-R devices give their name and each port") {
  const Blob port1 = cat({str(2, "PNET-A          "), num<std::uint32_t>(3, 2),
                          num<std::uint8_t>(4, 1), num<std::uint8_t>(5, 1),
                          num<std::uint32_t>(6, 4)});
  const Blob port2 = cat({num<std::uint32_t>(3, 0), num<std::uint8_t>(4, 0)});
  const Blob device = cat({num<std::uint8_t>(2, 0), str(10, "mlx5_0"),
                           str(7, "0000:3b:00.0"), attr(8, port1), attr(9, port2)});
  const Reply r = reply(6, attr(6, device));
  const auto parsed = parse_smcr_device(r.message);
  REQUIRE(parsed);
  CHECK(parsed->ib_name == "mlx5_0");
  CHECK(parsed->pci_id == "0000:3b:00.0");
  REQUIRE(parsed->ports.size() == 2);
  CHECK(parsed->ports[0].number == 1);
  CHECK(parsed->ports[0].pnetid == "PNET-A");
  CHECK(parsed->ports[0].netdev_index == 2);
  CHECK(parsed->ports[0].active);
  CHECK(parsed->ports[0].link_count == 4);
  CHECK(parsed->ports[0].valid);
  CHECK_FALSE(parsed->ports[1].valid);
  CHECK_FALSE(parsed->critical);
  CHECK_FALSE(parsed->pci);
  CHECK(parsed->ports[1].number == 2);
  CHECK(parsed->ports[1].pnetid.empty());
  CHECK_FALSE(parsed->ports[1].active);
  // soft-RoCE has no PCI parent, and so no PCI attributes.
  const Reply rxe = reply(6, attr(6, str(10, "rxe0")));
  CHECK(parse_smcr_device(rxe.message)->pci_id.empty());
  CHECK_FALSE(parse_smcr_device(rxe.message)->pci);
  const Reply roce = reply(6, attr(6, cat({num<std::uint8_t>(2, 1), num<std::uint32_t>(3, 0x52),
                                           num<std::uint16_t>(4, 0x1b), num<std::uint16_t>(5, 0x15b3),
                                           num<std::uint16_t>(6, 0x1016), str(10, "mlx5_0")})));
  const auto pci = parse_smcr_device(roce.message);
  REQUIRE(pci->pci);
  CHECK(pci->critical);
  CHECK(pci->pci->fid == 0x52);
  CHECK(pci->pci->chid == 0x1b);
  CHECK(pci->pci->vendor == 0x15b3);
  CHECK(pci->pci->device == 0x1016);
}

TEST_CASE("SEID dump tells no SMC-Dv2 device from a blank, disabled SEID") {
  // Without an SMC-Dv2 device the kernel sends a message with nothing in it.
  const auto none = parse_seid(reply(13, {}).message);
  REQUIRE(none);
  CHECK_FALSE(none->seid);
  CHECK_FALSE(none->enabled);
  // x86 with loopback-ism: 32 zero bytes, so an empty string, never enabled.
  const Reply x86 = reply(13, cat({str(1, std::string()), num<std::uint8_t>(2, 0)}));
  const auto blank = parse_seid(x86.message);
  REQUIRE(blank);
  REQUIRE(blank->seid);
  CHECK(*blank->seid == "");
  CHECK_FALSE(blank->enabled);
  const Reply s390 =
      reply(13, cat({str(1, "IBM-SYSZ-ISMSEID00000000ABCD8561"), num<std::uint8_t>(2, 1)}));
  CHECK(*parse_seid(s390.message)->seid == "IBM-SYSZ-ISMSEID00000000ABCD8561");
  CHECK(parse_seid(s390.message)->enabled);
}

// host_only: asks this machine's kernel over generic netlink, which qemu-user
// does not carry for other architectures (.bazelrc, config cross).
TEST_CASE("SMC dumps on this kernel work, or say the smc module is missing" *
          doctest::test_suite("host_only")) {
  int error = 0;
  const bool has_smc = genl_family_id("SMC_GEN_NETLINK", &error).ok();
  const auto devices = list_smcd_devices(&error);
  if (has_smc) {
    CHECK(devices.ok());
    CHECK(error == 0);
  } else {
    REQUIRE_FALSE(devices.ok());
    CHECK(error == ENOENT);
    CHECK(devices.error().message ==
          "cannot list SMC-D devices: the kernel has no SMC generic netlink "
          "(smc module not loaded)");
  }
  CHECK(smc_system_info(&error).ok() == has_smc);
  CHECK(list_smcr_devices(&error).ok() == has_smc);
}

}  // namespace
}  // namespace smc
