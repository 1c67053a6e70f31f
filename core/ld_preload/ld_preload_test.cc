#include "core/ld_preload/ld_preload.h"

#include <doctest/doctest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <string>

namespace smc {
namespace {

bool never(std::string_view) { return false; }
bool named_ours(std::string_view entry) {
  return entry == "OURS" || entry == "/proc/self/fd/1000";
}

TEST_CASE("LD_PRELOAD composer keeps the user's entries and adds ours last") {
  struct Row {
    const char* existing;
    const char* expected;
  };
  const Row rows[] = {
      {nullptr, "/proc/self/fd/9"},
      {"", "/proc/self/fd/9"},
      {"/lib/a.so", "/lib/a.so:/proc/self/fd/9"},
      {"/lib/a.so:/lib/b.so", "/lib/a.so:/lib/b.so:/proc/self/fd/9"},
      {"/lib/a.so /lib/b.so", "/lib/a.so:/lib/b.so:/proc/self/fd/9"},
      {":/lib/a.so:", "/lib/a.so:/proc/self/fd/9"},
      {"::", "/proc/self/fd/9"},
      {" ", "/proc/self/fd/9"},
      {"/lib/a.so::/lib/b.so", "/lib/a.so:/lib/b.so:/proc/self/fd/9"},
      {"liba.so", "liba.so:/proc/self/fd/9"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.existing ? row.existing : "(unset)");
    const ComposedPreload c =
        compose_ld_preload(row.existing, "/proc/self/fd/9", never);
    CHECK(c.value == row.expected);
    CHECK(c.dropped.empty());
  }
}

TEST_CASE("LD_PRELOAD composer replaces earlier copies of our library") {
  struct Row {
    const char* existing;
    const char* expected;
    std::size_t dropped;
  };
  const Row rows[] = {
      {"OURS", "NEW", 1},
      {"/proc/self/fd/1000", "NEW", 1},
      {"/lib/a.so:/proc/self/fd/1000", "/lib/a.so:NEW", 1},
      {"/proc/self/fd/1000:/lib/a.so", "/lib/a.so:NEW", 1},
      {"OURS:/lib/a.so OURS", "/lib/a.so:NEW", 2},
      {"/proc/self/fd/1001", "/proc/self/fd/1001:NEW", 0},
  };
  for (const Row& row : rows) {
    CAPTURE(row.existing);
    const ComposedPreload c = compose_ld_preload(row.existing, "NEW", named_ours);
    CHECK(c.value == row.expected);
    CHECK(c.dropped.size() == row.dropped);
  }
}

TEST_CASE("proc_self_fd reads only /proc/self/fd/N") {
  CHECK(proc_self_fd("/proc/self/fd/0") == 0);
  CHECK(proc_self_fd("/proc/self/fd/1023") == 1023);
  CHECK_FALSE(proc_self_fd("/proc/self/fd/"));
  CHECK_FALSE(proc_self_fd("/proc/self/fd/12x"));
  CHECK_FALSE(proc_self_fd("/proc/self/fd/-1"));
  CHECK_FALSE(proc_self_fd("/proc/self/fd/99999999999"));
  CHECK_FALSE(proc_self_fd("/proc/1/fd/3"));
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
