#include "core/toolbox/smc_chk/gather.h"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <vector>

#include "core/toolbox/smc_chk/loopback.h"

namespace smc {
namespace {

using Names = std::vector<std::string>;

// Whether this kernel makes AF_SMC sockets: decides what the tests below
// must see, never whether they run.
bool kernel_has_smc() {
  const int fd = socket(43, SOCK_STREAM, 0);
  if (fd < 0) return false;
  close(fd);
  return true;
}

TEST_CASE("module names come from the first word of each /proc/modules line") {
  CHECK(module_names("") == Names{});
  CHECK(module_names("smc_diag 16384 0 - Live 0x0000000000000000\n"
                     "smc 245760 1 smc_diag, Live 0x0000000000000000\n"
                     "ib_core 462848 1 smc, Live 0x0000000000000000\n") ==
        Names{"smc_diag", "smc", "ib_core"});
  CHECK(module_names("last_without_newline 1 0 - Live 0x0") == Names{"last_without_newline"});
  CHECK(module_names("\n\nx 1\n") == Names{"x"});
}

TEST_CASE("modules.builtin lists a module by its path, not a name it ends with") {
  const std::string builtin =
      "kernel/net/smc/smc.ko\nkernel/net/ipv4/tcp_cubic.ko\nkernel/drivers/foo/xsmc_diag.ko\n";
  CHECK(listed_as_built_in(builtin, "smc"));
  CHECK(listed_as_built_in(builtin, "tcp_cubic"));
  CHECK_FALSE(listed_as_built_in(builtin, "smc_diag"));
  CHECK_FALSE(listed_as_built_in(builtin, "cubic"));
  CHECK_FALSE(listed_as_built_in("", "smc"));
  CHECK(listed_as_built_in("smc.ko", "smc"));
}

TEST_CASE("sysctl files become one line") {
  CHECK(sysctl_line("65536\n") == "65536");
  CHECK(sysctl_line("4096\t131072\t6291456\n") == "4096 131072 6291456");
  CHECK(sysctl_line("") == "");
  CHECK(sysctl_line("x") == "x");
}

TEST_CASE("facts of this kernel agree with what its sockets do") {
  const Result<Facts> facts = gather_facts(SmcChkOptions{});
  REQUIRE(facts.ok());
  CHECK_FALSE(facts->kernel_release.empty());
  if (kernel_has_smc()) {
    CHECK(facts->af_smc_error == 0);
    CHECK(facts->smc_module.works);
    CHECK(facts->live.ran);
  } else {
    CHECK(facts->af_smc_error == EAFNOSUPPORT);
    CHECK_FALSE(facts->smc_module.works);
    CHECK_FALSE(facts->smc_module.loaded);
    CHECK_FALSE(facts->live.ran);
    CHECK_FALSE(facts->smcd_devices.ok());
    const Report report = evaluate(*facts);
    CHECK_FALSE(report.smc_used);
    CHECK(report.mode == "none");
  }
  // Every kernel has these two.
  CHECK(facts->rmem_max.error == 0);
  CHECK(facts->wmem_max.error == 0);
}

TEST_CASE("the live test reports why it cannot connect, and within its limit") {
  const auto start = std::chrono::steady_clock::now();
  const LiveTest t = run_loopback_test(std::chrono::milliseconds(20000));
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(took < std::chrono::seconds(21));
  CHECK(t.ran);
  if (kernel_has_smc()) {
    CHECK(t.error == "");
    CHECK(t.bytes == kLoopbackBytes);
    CHECK(t.port != 0);
  } else {
    CHECK(t.error == "socket(AF_SMC) for the server: EAFNOSUPPORT (Address family not "
                     "supported by protocol)");
    CHECK(t.error_number == EAFNOSUPPORT);
    CHECK_FALSE(t.client);
  }
}

TEST_CASE("the live test gives up at its deadline instead of waiting") {
  // A non-blocking AF_SMC connect always leaves the handshake to a kernel
  // worker (smc_connect: EINPROGRESS), so with no time at all it must stop
  // at the first wait.
  const LiveTest t = run_loopback_test(std::chrono::milliseconds(0));
  if (kernel_has_smc()) {
    CHECK(t.error == "no connection within 0 ms");
    CHECK(t.error_number == ETIMEDOUT);
  } else {
    CHECK(t.error_number == EAFNOSUPPORT);
  }
  CHECK_FALSE(t.client);
  CHECK(t.bytes == 0);
}

}  // namespace
}  // namespace smc
