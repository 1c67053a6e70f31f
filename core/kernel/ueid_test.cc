#include "core/kernel/ueid.h"

#include <doctest/doctest.h>

#include <string>

namespace smc {
namespace {

TEST_CASE("UEIDs are upper-cased and blank-padded to 32 characters") {
  struct Row {
    const char* text;
    const char* padded;
  };
  const Row rows[] = {
      {"SMC-RUN.TEST", "SMC-RUN.TEST                    "},
      {"smc-run.test", "SMC-RUN.TEST                    "},
      {"1", "1                               "},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto r = make_ueid(row.text);
    REQUIRE(r.ok());
    CHECK(*r == row.padded);
    CHECK(r->size() == kEidLength);
  }
}

TEST_CASE("UEIDs are shown without their padding") {
  CHECK(shown_ueid(*make_ueid("ab.C")) == "AB.C");
  CHECK(shown_ueid("X") == "X");
  CHECK(shown_ueid("") == "");
  CHECK(shown_ueid("   ") == "");
}

TEST_CASE("UEIDs the kernel would refuse are rejected with the value named") {
  struct Row {
    const char* text;
    const char* message;
  };
  const Row rows[] = {
      {"", "empty UEID"},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456",
       "UEID 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456' is longer than 32 characters"},
      {"-LEADING", "UEID '-LEADING' must start with a letter or a digit"},
      {".X", "UEID '.X' must start with a letter or a digit"},
      {"A B", "UEID 'A B' may only hold letters, digits, '.' and '-'"},
      {"A_B", "UEID 'A_B' may only hold letters, digits, '.' and '-'"},
      {"A\tB", "may only hold"},
      {"\xc3\x84", "may only hold"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto r = make_ueid(row.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::kUsage);
    CHECK_MESSAGE(r.error().message.find(row.message) != std::string::npos,
                  r.error().message);
  }
}

// host_only: asks this machine's kernel over generic netlink, which qemu-user
// does not carry for other architectures (.bazelrc, config cross).
TEST_CASE("UEID commands explain a kernel without SMC" * doctest::test_suite("host_only")) {
  const auto listed = list_ueids();
  if (listed.ok()) return;  // a kernel with SMC: covered by the guest tests
  CHECK(listed.error().message ==
        "cannot list UEIDs: the kernel has no SMC generic netlink (load the "
        "smc module: modprobe smc)");
  const auto added = add_ueid(*make_ueid("X"));
  REQUIRE_FALSE(added.ok());
  CHECK(added.error().message.find("modprobe smc") != std::string::npos);
}

}  // namespace
}  // namespace smc
