#include "base/settings.h"

#include <doctest/doctest.h>

#include <string>

namespace smc {
namespace {

TEST_CASE("settings read buffer sizes in bytes, k and m") {
  const char* env[] = {"PATH=/bin", "SMC_SNDBUF=1m", "SMC_RCVBUF=65536",
                       nullptr};
  const Settings s = read_settings(env);
  CHECK(s.sndbuf.bytes == 1048576);
  CHECK(s.sndbuf.error == SizeError::kNone);
  CHECK(s.rcvbuf.bytes == 65536);
  CHECK(s.rcvbuf.error == SizeError::kNone);
  CHECK_FALSE(s.debug);
  CHECK_FALSE(s.strict);
}

TEST_CASE("settings ignore invalid buffer sizes and keep the text for -d") {
  struct Row {
    const char* entry;
    SizeError error;
  };
  const Row rows[] = {
      {"SMC_SNDBUF=1g", SizeError::kBadSuffix},
      {"SMC_SNDBUF=", SizeError::kEmpty},
      {"SMC_SNDBUF=-5", SizeError::kNotDecimal},
      {"SMC_SNDBUF=0", SizeError::kZero},
      {"SMC_SNDBUF=99999999999", SizeError::kTooLarge},
      {"SMC_SNDBUF=0x100", SizeError::kBadSuffix},
  };
  for (const Row& row : rows) {
    CAPTURE(row.entry);
    const char* env[] = {row.entry, nullptr};
    const Settings s = read_settings(env);
    CHECK(s.sndbuf.bytes == 0);
    CHECK(s.sndbuf.error == row.error);
    REQUIRE(s.sndbuf.text != nullptr);
    CHECK(std::string(s.sndbuf.text) == std::string(row.entry + 11));
    CHECK(s.rcvbuf.text == nullptr);
  }
}

TEST_CASE("settings treat SMC_DEBUG and SMC_STRICT as off when unset, empty or 0") {
  struct Row {
    const char* entry;
    bool on;
  };
  const Row rows[] = {
      {"SMC_DEBUG=1", true},  {"SMC_DEBUG=yes", true}, {"SMC_DEBUG=00", true},
      {"SMC_DEBUG=0", false}, {"SMC_DEBUG=", false},   {"SMC_DEBUGX=1", false},
      {"XSMC_DEBUG=1", false}, {"SMC_DEBU=1", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.entry);
    const char* env[] = {row.entry, nullptr};
    CHECK(read_settings(env).debug == row.on);
  }
  const char* strict[] = {"SMC_STRICT=1", nullptr};
  CHECK(read_settings(strict).strict);
  CHECK_FALSE(read_settings(strict).debug);
}

TEST_CASE("settings keep the SMC variables to carry to children") {
  const char* env[] = {"PATH=/bin", "SMC_DEBUG=1", "SMC_SNDBUF=1m",
                       "SMC_STRICTER=1", "SMC_RCVBUF=8k", nullptr};
  const Settings s = read_settings(env);
  REQUIRE(s.carried[0] != nullptr);
  CHECK(std::string(s.carried[0]) == "SMC_SNDBUF=1m");
  CHECK(std::string(s.carried[1]) == "SMC_RCVBUF=8k");
  CHECK(std::string(s.carried[2]) == "SMC_DEBUG=1");
  CHECK(s.carried[3] == nullptr);
  // The very strings of the environment, not copies.
  CHECK(s.carried[0] == env[2]);
  const char* none[] = {"PATH=/bin", nullptr};
  CHECK(read_settings(none).carried[0] == nullptr);
}

TEST_CASE("settings read the connection filter and carry it to children") {
  const char* env[] = {"SMC_EXCLUDE=10.0.0.0/8, bogus", "SMC_INCLUDE=*:443",
                       "SMC_DEBUG=1", nullptr};
  const Settings s = read_settings(env);
  CHECK(s.filter_active);
  CHECK(s.include.count == 1);
  CHECK(s.exclude.count == 1);
  CHECK(s.exclude.bad == 1);
  CHECK(s.exclude.first_error == RuleError::kBadAddress);
  CHECK(std::string(s.exclude.text) == "10.0.0.0/8, bogus");
  CHECK(s.exclude.text == env[0] + 12);  // in the environment itself
  REQUIRE(s.carried[1] != nullptr);
  CHECK(std::string(s.carried[0]) == "SMC_DEBUG=1");
  CHECK(std::string(s.carried[1]) == "SMC_INCLUDE=*:443");
  CHECK(std::string(s.carried[2]) == "SMC_EXCLUDE=10.0.0.0/8, bogus");
  CHECK(s.carried[3] == nullptr);

  struct Row {
    const char* entry;
    bool filter_active;
  };
  const Row rows[] = {
      {"PATH=/bin", false},           {"SMC_EXCLUDE=", false},
      {"SMC_EXCLUDE=bogus", false},   {"SMC_INCLUDE= , ", false},
      {"SMC_INCLUDE=bogus", true},    {"SMC_EXCLUDE=*:22", true},
      {"SMC_INCLUDE=[::1]", true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.entry);
    const char* one[] = {row.entry, nullptr};
    CHECK(read_settings(one).filter_active == row.filter_active);
  }
}

TEST_CASE("settings carry every SMC variable at once") {
  const char* env[] = {"SMC_SNDBUF=1m",        "SMC_RCVBUF=1m",
                       "SMC_DEBUG=1",          "SMC_STRICT=1",
                       "SMC_INCLUDE=*",        "SMC_EXCLUDE=*:22",
                       "SMC_SOCK_FAMILY=smc",  "SMC_SUMMARY=1",
                       "SMC_SUMMARY_FILE=/x",  nullptr};
  const Settings s = read_settings(env);
  for (int k = 0; k < kMaxCarried; ++k) CHECK(s.carried[k] != nullptr);
  CHECK(s.carried[kMaxCarried] == nullptr);
}

TEST_CASE("settings let children inherit unless SMC_INHERIT is 0") {
  struct Row {
    const char* entry;
    bool inherit;
  };
  const Row rows[] = {{"PATH=/bin", true},       {"SMC_INHERIT=1", true},
                      {"SMC_INHERIT=", true},    {"SMC_INHERIT=no", true},
                      {"SMC_INHERIT=0", false}};
  for (const Row& row : rows) {
    CAPTURE(row.entry);
    const char* env[] = {row.entry, nullptr};
    CHECK(read_settings(env).inherit == row.inherit);
  }
}

TEST_CASE("find_env_entry gives the whole entry") {
  const char* env[] = {"A=1", "SMC_DEBUG=yes", nullptr};
  CHECK(std::string(find_env_entry(env, "SMC_DEBUG")) == "SMC_DEBUG=yes");
  CHECK(find_env_entry(env, "SMC_DEBU") == nullptr);
}

TEST_CASE("settings survive an empty or missing environment") {
  const char* empty[] = {nullptr};
  CHECK(read_settings(empty).sndbuf.text == nullptr);
  CHECK(read_settings(nullptr).rcvbuf.bytes == 0);
}

TEST_CASE("find_env takes the first of duplicate entries, as getenv does") {
  const char* env[] = {"SMC_RCVBUF=8k", "SMC_RCVBUF=16k", nullptr};
  CHECK(std::string(find_env(env, "SMC_RCVBUF")) == "8k");
  CHECK(find_env(env, "SMC_SNDBUF") == nullptr);
  const char* no_equals[] = {"SMC_RCVBUF", nullptr};
  CHECK(find_env(no_equals, "SMC_RCVBUF") == nullptr);
}

TEST_CASE("settings read SMC_SOCK_FAMILY and ignore unknown values") {
  const struct {
    const char* entry;
    Family family;
    bool invalid;
  } rows[] = {
      {"SMC_SOCK_FAMILY=smc", Family::kSmc, false},
      {"SMC_SOCK_FAMILY=inet", Family::kInet, false},
      {"SMC_SOCK_FAMILY=auto", Family::kAuto, false},
      {"PATH=/bin", Family::kAuto, false},
      {"SMC_SOCK_FAMILY=", Family::kAuto, true},
      {"SMC_SOCK_FAMILY=SMC", Family::kAuto, true},
      {"SMC_SOCK_FAMILY=inet6", Family::kAuto, true},
      {"SMC_SOCK_FAMILY=sm", Family::kAuto, true},
      {"SMC_SOCK_FAMILY=auto ", Family::kAuto, true},
  };
  for (const auto& row : rows) {
    CAPTURE(row.entry);
    const char* env[] = {row.entry, nullptr};
    const Settings s = read_settings(env);
    CHECK(s.family.family == row.family);
    CHECK((s.family.text != nullptr) == row.invalid);
  }
}

TEST_CASE("settings read the summary line and the summary file apart") {
  const struct {
    const char* entry;
    bool summary;
    const char* file;
  } rows[] = {
      {"SMC_SUMMARY=1", true, nullptr},
      {"SMC_SUMMARY=0", false, nullptr},
      {"SMC_SUMMARY=", false, nullptr},
      {"SMC_SUMMARY_FILE=/var/log/smc.json", false, "/var/log/smc.json"},
      {"SMC_SUMMARY_FILE=", false, nullptr},
      {"PATH=/bin", false, nullptr},
  };
  for (const auto& row : rows) {
    CAPTURE(row.entry);
    const char* env[] = {row.entry, nullptr};
    const Settings s = read_settings(env);
    CHECK(s.summary == row.summary);
    CHECK((s.summary_file == nullptr) == (row.file == nullptr));
    if (row.file != nullptr && s.summary_file != nullptr) {
      CHECK(std::string(s.summary_file) == row.file);
    }
  }
}

}  // namespace
}  // namespace smc
