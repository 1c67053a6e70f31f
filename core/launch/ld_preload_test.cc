#include "core/launch/ld_preload.h"

#include <doctest/doctest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <string>

namespace smc {
namespace {

bool named_ours(std::string_view entry) {
  return entry == "OURS" || entry == "/proc/self/fd/1000";
}

TEST_CASE("LD_PRELOAD composer reports the copies of our library it drops") {
  const ComposedPreload c = compose_ld_preload(
      "OURS:/lib/a.so /proc/self/fd/1000::/lib/b.so", "NEW", named_ours);
  CHECK(c.value == "/lib/a.so:/lib/b.so:NEW");
  CHECK(c.dropped == std::vector<std::string>{"OURS", "/proc/self/fd/1000"});
  const ComposedPreload unset = compose_ld_preload(nullptr, "NEW", named_ours);
  CHECK(unset.value == "NEW");
  CHECK(unset.dropped.empty());
}

TEST_CASE("proc_self_fd gives the descriptor of /proc/self/fd/N only") {
  CHECK(proc_self_fd("/proc/self/fd/1023") == 1023);
  CHECK_FALSE(proc_self_fd("/proc/self/fd/12x"));
  CHECK_FALSE(proc_self_fd("/lib/libsmc-preload.so"));
}

TEST_CASE("our library is recognised by file name and by memfd name") {
  CHECK(names_our_library("libsmc-preload.so"));
  CHECK(names_our_library("/usr/lib64/libsmc-preload.so"));
  CHECK_FALSE(names_our_library("/usr/lib64/libsmc-preload.so.1"));
  CHECK_FALSE(names_our_library("/usr/lib/libfoo.so"));

  const int ours = memfd_create("libsmc-preload.so", MFD_CLOEXEC);
  const int other = memfd_create("something-else.so", MFD_CLOEXEC);
  REQUIRE(ours >= 0);
  REQUIRE(other >= 0);
  CHECK(names_our_library("/proc/self/fd/" + std::to_string(ours)));
  CHECK_FALSE(names_our_library("/proc/self/fd/" + std::to_string(other)));
  close(ours);
  close(other);
  CHECK_FALSE(names_our_library("/proc/self/fd/" + std::to_string(ours)));
}

}  // namespace
}  // namespace smc
