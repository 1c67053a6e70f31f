#include "core/toolbox/device_format.h"

#include <doctest/doctest.h>

#include <string>

namespace smc {
namespace {

SmcrPort port(int number, std::uint32_t netdev, bool active, std::uint32_t links) {
  SmcrPort p;
  p.number = number;
  p.valid = true;
  p.netdev_index = netdev;
  p.active = active;
  p.link_count = links;
  return p;
}

std::vector<SmcrDevice> devices() {
  SmcrDevice rxe;
  rxe.ib_name = "rxe0";
  rxe.ports = {port(1, 2, true, 1)};
  SmcrDevice mlx;
  mlx.ib_name = "mlx5_0";
  mlx.pci_id = "0000:3b:00.0";
  mlx.pci = SmcPciFunction{0x52, 0x1b, 0x15b3, 0x1016};
  mlx.critical = true;
  mlx.ports = {port(1, 3, false, 0), port(2, 0, true, 0)};
  mlx.ports[0].pnetid = "NET1";
  mlx.ports[0].pnetid_by_user = true;
  mlx.ports[1].valid = false;  // not sent by the kernel: not shown
  return {rxe, mlx};
}

const NetdevNames kNetdevs = {{2, "eth0"}, {3, "ens1f0"}};

TEST_CASE("SMC-R device table has a line per valid port, PCI columns with -d") {
  CHECK(smcr_devices_text(devices(), kNetdevs, {}, 0) ==
        "Net-Dev IB-Dev IB-P IB-State Type      Crit #Links PNET-ID\n"
        "eth0    rxe0   1    ACTIVE   -         No   1      -\n"
        "ens1f0  mlx5_0 1    INACTIVE 15b3:1016 Yes  0      *NET1\n");
  CHECK(smcr_devices_text(devices(), kNetdevs, {}, 1) ==
        "Net-Dev IB-Dev IB-P IB-State Type      Crit FID  PCI-ID       PCHID #Links PNET-ID\n"
        "eth0    rxe0   1    ACTIVE   -         No   -    -            -     1      -\n"
        "ens1f0  mlx5_0 1    INACTIVE 15b3:1016 Yes  0052 0000:3b:00.0 001b  0      *NET1\n");
}

TEST_CASE("SMC-R device table keeps what ibdev and netdev name") {
  struct Row {
    DeviceFilter filter;
    std::size_t lines;
  };
  const Row rows[] = {
      {{"rxe0", std::nullopt}, 2},
      {{std::nullopt, "ens1f0"}, 2},
      {{std::nullopt, "eth9"}, 1},
      {{"mlx5_0", "eth0"}, 1},
  };
  for (const Row& row : rows) {
    const std::string text = smcr_devices_text(devices(), kNetdevs, row.filter, 0);
    CHECK(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) == row.lines);
  }
}

TEST_CASE("SMC-R device JSON has the same ports") {
  CHECK(smcr_devices_json(devices(), kNetdevs, {"rxe0", std::nullopt}) ==
        "[\n  {\"ib_device\": \"rxe0\", \"ib_port\": 1, \"net_device\": \"eth0\", \"active\": "
        "true, \"critical\": false, \"pci_id\": null, \"pci_vendor\": null, \"pci_device\": "
        "null, \"links\": 1, \"pnetid\": \"\", \"pnetid_by_user\": false}\n]\n");
  CHECK(smcr_devices_json({}, kNetdevs, {}) == "[]\n");
}

TEST_CASE("SMC-D device table notes loopback-ism, which the kernel does not list") {
  SmcdDevice ism;
  ism.pci_id = "0000:00:05.0";
  ism.chid = 0x7f;
  ism.pci = SmcPciFunction{0x10, 0x7f, 0x1014, 0x04ed};
  ism.use_count = 2;
  ism.critical = true;
  CHECK(smcd_devices_text({ism}, false) ==
        "FID  Type      PCI-ID       PCHID InUse #LGs PNET-ID\n"
        "0010 1014:04ed 0000:00:05.0 007f  Yes   2    -\n");
  CHECK(smcd_devices_text({}, true) ==
        "FID Type PCI-ID PCHID InUse #LGs PNET-ID\n"
        "(and loopback-ism, which the kernel uses for SMC-Dv2 within this host but does not "
        "list)\n");
  CHECK(smcd_devices_json({}, true) == "{\"devices\": [], \"loopback_ism\": true}\n");
  CHECK(smcd_devices_json({ism}, false).find("\"pci_id\": \"0000:00:05.0\", \"fid\": 16, "
                                             "\"chid\": 127") != std::string::npos);
}

TEST_CASE("net device names come from the index, a dash where there is none") {
  CHECK(netdev_name(kNetdevs, 2) == "eth0");
  CHECK(netdev_name(kNetdevs, 0) == "-");
  CHECK(netdev_name(kNetdevs, 77) == "-");
}

}  // namespace
}  // namespace smc
