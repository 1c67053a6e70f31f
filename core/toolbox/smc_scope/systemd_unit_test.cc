#include "core/toolbox/smc_scope/systemd_unit.h"

#include <doctest/doctest.h>

#include <string>

namespace smc {
namespace {

TEST_CASE("a service unit's name is taken as systemd spells it, .service added") {
  CHECK(*service_name("nginx") == "nginx.service");
  CHECK(*service_name("nginx.service") == "nginx.service");
  CHECK(*service_name("getty@tty1") == "getty@tty1.service");
  CHECK(*service_name("system-x\\x2dy.service") == "system-x\\x2dy.service");
  for (const char* bad : {"", ".service", "nginx.socket", "web.slice", "/etc/x.service",
                          "a b.service", "x;rm.service", "@.service", "$HOME"}) {
    CAPTURE(bad);
    const Result<std::string> name = service_name(bad);
    REQUIRE_FALSE(name);
    CHECK(name.error().message.find("is not a service unit's name") != std::string::npos);
  }
}

TEST_CASE("the drop-in adds the unit's own cgroup at each start, with full privileges, and a failed add does not stop the start") {
  const Result<std::string> text = drop_in_text("/usr/local/bin/smc_run");
  REQUIRE(text);
  CHECK(text->find("[Service]\n") != std::string::npos);
  CHECK(text->find("ExecStartPre=-+/bin/sh -c 'exec \"$$0\" --role smc_scope add cgroup "
                   "\"/sys/fs/cgroup$$(sed -n \"s/^0:://p\" /proc/self/cgroup)\"' "
                   "/usr/local/bin/smc_run\n") != std::string::npos);
}

TEST_CASE("a path that would need quoting in a unit file is refused, named") {
  for (const char* bad : {"relative/smc_run", "/opt/my tools/smc_run", "/opt/100%/smc_run",
                          "/opt/$x/smc_run", "/opt/'q'/smc_run", ""}) {
    CAPTURE(bad);
    const Result<std::string> text = drop_in_text(bad);
    REQUIRE_FALSE(text);
    CHECK(text.error().message.find("needs quoting in a unit file") != std::string::npos);
  }
}

}  // namespace
}  // namespace smc
