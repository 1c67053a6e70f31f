#include "base/preload_list.h"

#include <doctest/doctest.h>

#include <cstring>
#include <string>

namespace smc {
namespace {

std::string compose(const char* existing, const char* ours,
                    PreloadFilter drop = nullptr, std::size_t capacity = 256) {
  char out[256];
  const long n = compose_preload(existing, ours, drop, nullptr, out, capacity);
  if (n < 0) return "(does not fit)";
  CHECK(static_cast<std::size_t>(n) == std::strlen(out));
  return out;
}

bool drop_ours(const char* entry, std::size_t length, void*) {
  return named_like_ours(entry, length) ||
         proc_self_fd(entry, length) == 1000;
}

TEST_CASE("preload composer keeps the user's entries and adds ours last") {
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
    CHECK(compose(row.existing, "/proc/self/fd/9") == row.expected);
  }
}

TEST_CASE("preload composer drops earlier copies of our library") {
  struct Row {
    const char* existing;
    const char* expected;
  };
  const Row rows[] = {
      {"/usr/lib/libsmc-preload.so", "NEW"},
      {"/proc/self/fd/1000", "NEW"},
      {"/lib/a.so:/proc/self/fd/1000", "/lib/a.so:NEW"},
      {"/proc/self/fd/1000:/lib/a.so", "/lib/a.so:NEW"},
      {"libsmc-preload.so:/lib/a.so /x/libsmc-preload.so", "/lib/a.so:NEW"},
      {"/proc/self/fd/1001", "/proc/self/fd/1001:NEW"},
      {"/lib/libsmc-preload.so.1", "/lib/libsmc-preload.so.1:NEW"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.existing);
    CHECK(compose(row.existing, "NEW", drop_ours) == row.expected);
  }
}

TEST_CASE("preload composer can drop ours without adding anything") {
  CHECK(compose("/lib/a.so:/proc/self/fd/1000", "", drop_ours) == "/lib/a.so");
  CHECK(compose("/proc/self/fd/1000", nullptr, drop_ours) == "");
  CHECK(compose("/a.so /libsmc-preload.so /b.so", "", drop_ours) ==
        "/a.so:/b.so");
}

TEST_CASE("preload composer refuses to overrun its buffer") {
  // 25 characters and the NUL need 26 bytes.
  CHECK(compose("/lib/a.so", "/proc/self/fd/9", nullptr, 26) ==
        "/lib/a.so:/proc/self/fd/9");
  CHECK(compose("/lib/a.so", "/proc/self/fd/9", nullptr, 25) ==
        "(does not fit)");
  CHECK(compose("/lib/a.so", "/proc/self/fd/9", nullptr, 10) ==
        "(does not fit)");
  CHECK(compose(nullptr, "/proc/self/fd/9", nullptr, 15) == "(does not fit)");
  CHECK(compose(nullptr, "", nullptr, 0) == "(does not fit)");
  CHECK(compose(nullptr, "", nullptr, 1) == "");
}

TEST_CASE("preload_has finds whole entries only") {
  CHECK(preload_has("/a.so:/proc/self/fd/9", "/proc/self/fd/9"));
  CHECK(preload_has("/proc/self/fd/9 /a.so", "/proc/self/fd/9"));
  CHECK_FALSE(preload_has("/proc/self/fd/99", "/proc/self/fd/9"));
  CHECK_FALSE(preload_has("/x/proc/self/fd/9", "/proc/self/fd/9"));
  CHECK_FALSE(preload_has(nullptr, "/proc/self/fd/9"));
  CHECK_FALSE(preload_has("", "/proc/self/fd/9"));
}

TEST_CASE("proc_self_fd reads only /proc/self/fd/N") {
  auto fd = [](const char* e) { return proc_self_fd(e, std::strlen(e)); };
  CHECK(fd("/proc/self/fd/0") == 0);
  CHECK(fd("/proc/self/fd/1023") == 1023);
  CHECK(fd("/proc/self/fd/") == -1);
  CHECK(fd("/proc/self/fd/12x") == -1);
  CHECK(fd("/proc/self/fd/-1") == -1);
  CHECK(fd("/proc/self/fd/99999999999") == -1);
  CHECK(fd("/proc/1/fd/3") == -1);
  CHECK(fd("/lib/libsmc-preload.so") == -1);
}

TEST_CASE("our library is recognised by its file name") {
  auto ours = [](const char* e) { return named_like_ours(e, std::strlen(e)); };
  CHECK(ours("libsmc-preload.so"));
  CHECK(ours("/usr/lib64/libsmc-preload.so"));
  CHECK_FALSE(ours("/usr/lib64/libsmc-preload.so.1"));
  CHECK_FALSE(ours("/usr/lib/libfoo.so"));
  CHECK_FALSE(ours("/x/xlibsmc-preload.so"));
}

TEST_CASE("a memfd of ours is recognised by the link /proc shows for it") {
  auto ours = [](const char* t) { return memfd_of_ours(t, std::strlen(t)); };
  CHECK(ours("/memfd:libsmc-preload.so (deleted)"));
  CHECK(ours("/memfd:libsmc-preload.so"));
  CHECK_FALSE(ours("/memfd:libsmc-preload.so.1 (deleted)"));
  CHECK_FALSE(ours("/memfd:libsmc-preload.s"));
  CHECK_FALSE(ours("/memfd:other (deleted)"));
  CHECK_FALSE(ours("/tmp/libsmc-preload.so"));
  CHECK_FALSE(ours("/memfd:libsmc-preload.so (deleted) "));
}

}  // namespace
}  // namespace smc
