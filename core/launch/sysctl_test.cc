#include "core/launch/sysctl.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tools/support/temp_dir.h"

namespace smc {
namespace {

namespace fs = std::filesystem;

// A fake /proc/sys with net/core/rmem_max in a fresh temporary folder.
struct FakeProcSys {
  explicit FakeProcSys(const std::string& value) : root(dir.path()) {
    fs::create_directories(root / "net/core");
    std::ofstream(root / "net/core/rmem_max") << value;
  }
  std::string value() const {
    std::ifstream in(root / "net/core/rmem_max");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  smc::testing::TempDir dir;
  fs::path root;
};

TEST_CASE("sysctl names map to /proc/sys paths") {
  CHECK(sysctl_path("net.core.rmem_max") == "net/core/rmem_max");
  CHECK(sysctl_path("vm.memfd_noexec") == "vm/memfd_noexec");
}

TEST_CASE("sysctl raise writes a larger value") {
  FakeProcSys sys("212992\n");
  const auto r = raise_sysctl(sys.root, "net.core.rmem_max", 262144);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  CHECK(r->before == 212992);
  CHECK(r->after == 262144);
  CHECK(sys.value() == "262144\n");
}

TEST_CASE("sysctl raise never lowers a value and leaves equal ones alone") {
  for (long wanted : {4194304L, 1048576L, 1L}) {
    CAPTURE(wanted);
    FakeProcSys sys("4194304\n");
    const auto r = raise_sysctl(sys.root, "net.core.rmem_max", wanted);
    REQUIRE(r.ok());
    CHECK(r->before == 4194304);
    CHECK(r->after == 4194304);
    CHECK(sys.value() == "4194304\n");
  }
}

TEST_CASE("sysctl raise reports a value it may not write, with both numbers") {
  FakeProcSys sys("0\n");
  // A mode-0444 sysctl refuses writes even to root (fs/proc/proc_sysctl.c,
  // test_perm), unlike a plain read-only file.
  fs::remove(sys.root / "net/core/rmem_max");
  fs::create_symlink("/proc/sys/kernel/ngroups_max",
                     sys.root / "net/core/rmem_max");
  const auto r = raise_sysctl(sys.root, "net.core.rmem_max", 1L << 30);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kSystem);
  CHECK(r.error().message ==
        "cannot raise net.core.rmem_max from 65536 to 1073741824: "
        "Permission denied");
}

TEST_CASE("sysctl raise fails clearly on a missing or garbled value") {
  FakeProcSys sys("not a number\n");
  auto r = raise_sysctl(sys.root, "net.core.rmem_max", 1);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        "cannot read net.core.rmem_max: 'not a number\n' is not a number");
  r = raise_sysctl(sys.root, "net.core.wmem_max", 1);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("cannot read net.core.wmem_max (") == 0);
  CHECK(r.error().message.find("No such file or directory") !=
        std::string::npos);
}

}  // namespace
}  // namespace smc
