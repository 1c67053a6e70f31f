#include "base/settings.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace smc {
namespace {

// write_settings into text of the size it asks for.
struct Written {
  std::vector<char> text;
  SettingsEntries entries;
  WrittenSettings result;
};

Written write(const Settings& s, VariableSet which = kEveryVariable) {
  Written w;
  w.result = write_settings(s, which, nullptr, 0, &w.entries);
  if (w.result.error != WriteError::kNoRoom) return w;
  w.text.resize(w.result.needed);
  w.result = write_settings(s, which, w.text.data(), w.text.size(), &w.entries);
  return w;
}

std::vector<std::string> entries_of(const Written& w) {
  std::vector<std::string> out;
  for (const char* const* e = w.entries.entry; *e != nullptr; ++e) out.push_back(*e);
  return out;
}

std::string rule_texts(const RuleList& list) {
  std::string text;
  for (int k = 0; k < list.count; ++k) {
    text += std::string(list.rules[k].text, list.rules[k].length) + "|";
  }
  return text;
}

// read_settings(write_settings(s)) == s, variable by variable, and the
// spellings a person would see again: the summary file and the rules.
void check_round_trip(const Settings& s) {
  const Written w = write(s);
  REQUIRE(w.result.error == WriteError::kNone);
  const Settings back = read_settings(w.entries.entry);
  for (int k = 0; k < kSettingsVariables; ++k) {
    const auto variable = static_cast<SettingsVariable>(k);
    const std::string name = variable_name(variable);
    CAPTURE(name);
    CHECK(same_setting(variable, back, s));
  }
  CHECK(same_settings(back, s));
  CHECK(back.filter_active == s.filter_active);
  CHECK((back.summary_file == nullptr) == (s.summary_file == nullptr));
  if (back.summary_file != nullptr && s.summary_file != nullptr) {
    CHECK(std::string(back.summary_file) == s.summary_file);
  }
  CHECK(rule_texts(back.include) == rule_texts(s.include));
  CHECK(rule_texts(back.exclude) == rule_texts(s.exclude));
  // A child is handed what was written, but SMC_INHERIT.
  int carried = 0;
  while (back.carried[carried] != nullptr) ++carried;
  CHECK(carried == static_cast<int>(entries_of(w).size()) - 1);
}

// Strange but valid values, a few for each variable, as an environment
// would give them.
struct Value {
  SettingsVariable variable;
  std::string entry;
};

std::vector<Value> strange_values() {
  std::string longest_path = "/" + std::string(4000, 'x') + "/summary.json";
  std::string thirty_two = "10.0.0.1";
  for (int k = 2; k <= kMaxRules; ++k) thirty_two += ",[fd00::" + std::to_string(k) + "]:" + std::to_string(k);
  using V = SettingsVariable;
  return {
      {V::kRcvbuf, "SMC_RCVBUF=256k"},
      {V::kRcvbuf, "SMC_RCVBUF=1"},
      {V::kRcvbuf, "SMC_RCVBUF=1073741823"},
      {V::kRcvbuf, "SMC_RCVBUF=1023m"},
      {V::kRcvbuf, "SMC_RCVBUF=0001024"},
      {V::kSndbuf, "SMC_SNDBUF=1M"},
      {V::kSndbuf, "SMC_SNDBUF=7"},
      {V::kSndbuf, "SMC_SNDBUF=65536"},
      {V::kFamily, "SMC_SOCK_FAMILY=smc"},
      {V::kFamily, "SMC_SOCK_FAMILY=inet"},
      {V::kFamily, "SMC_SOCK_FAMILY=auto"},
      {V::kSummary, "SMC_SUMMARY=1"},
      {V::kSummary, "SMC_SUMMARY=no"},  // anything but "" and "0" is on
      {V::kSummary, "SMC_SUMMARY=0"},
      {V::kSummaryFile, "SMC_SUMMARY_FILE=/var/log/smc summary/run 1.json"},
      {V::kSummaryFile, "SMC_SUMMARY_FILE=relative name.json"},
      {V::kSummaryFile, "SMC_SUMMARY_FILE=/tmp/a=b=SMC_DEBUG=1"},
      {V::kSummaryFile, "SMC_SUMMARY_FILE=/tmp/line\nbreak,comma 'quote\""},
      {V::kSummaryFile, "SMC_SUMMARY_FILE=/tmp/\xc3\xa9t\xc3\xa9 \xff.json"},
      {V::kSummaryFile, "SMC_SUMMARY_FILE= "},
      {V::kSummaryFile, "SMC_SUMMARY_FILE=" + longest_path},
      {V::kInclude, "SMC_INCLUDE=[fd00::1]/64:443"},
      {V::kInclude, "SMC_INCLUDE= 10.0.0.1 , ,[::1]:80-81 ,"},
      {V::kInclude, "SMC_INCLUDE=*,*:1-65535,0.0.0.0/0:22,[::]/0"},
      {V::kInclude, "SMC_INCLUDE=[::ffff:10.0.0.1]/104,10.1.2.3/8,[FD00:0:0:0:0:0:0:ABCD]:65535"},
      {V::kInclude, "SMC_INCLUDE=" + thirty_two},
      {V::kInclude, "SMC_INCLUDE= , "},
      {V::kExclude, "SMC_EXCLUDE=*:22"},
      {V::kExclude, "SMC_EXCLUDE=255.255.255.255/32:1-1,[::]:65535,[2001:db8::]/32:8000-8999"},
      {V::kExclude, "SMC_EXCLUDE=" + thirty_two},
      {V::kDebug, "SMC_DEBUG=1"},
      {V::kDebug, "SMC_DEBUG=00"},
      {V::kDebug, "SMC_DEBUG="},
      {V::kStrict, "SMC_STRICT=yes"},
      {V::kStrict, "SMC_STRICT=0"},
      {V::kInherit, "SMC_INHERIT=0"},
      {V::kInherit, "SMC_INHERIT=1"},
      {V::kInherit, "SMC_INHERIT="},
  };
}

TEST_CASE("read_settings reads back what write_settings writes, for each variable's strange values") {
  for (const Value& value : strange_values()) {
    CAPTURE(value.entry);
    const char* env[] = {value.entry.c_str(), nullptr};
    const Settings s = read_settings(env);
    CHECK(s.sndbuf.error == SizeError::kNone);
    CHECK(s.rcvbuf.error == SizeError::kNone);
    CHECK(s.include.first_error == RuleError::kNone);
    CHECK(s.exclude.first_error == RuleError::kNone);
    check_round_trip(s);
  }
}

TEST_CASE("read_settings reads back what write_settings writes, with every variable set or unset") {
  // The first strange value of each variable, in all 2^10 combinations.
  std::vector<std::string> first(kSettingsVariables);
  for (const Value& value : strange_values()) {
    std::string& slot = first[static_cast<int>(value.variable)];
    if (slot.empty()) slot = value.entry;
  }
  for (unsigned set = 0; set < 1U << kSettingsVariables; ++set) {
    CAPTURE(set);
    std::vector<const char*> env = {"PATH=/bin"};
    for (int k = 0; k < kSettingsVariables; ++k) {
      if ((set >> k & 1U) != 0) env.push_back(first[k].c_str());
    }
    env.push_back(nullptr);
    check_round_trip(read_settings(env.data()));
  }
}

TEST_CASE("read_settings reads back sizes and rules that were never text") {
  for (const int bytes : {1, 2, 9, 10, 99, 1023, 1024, 65535, 262144, 999999999, kMaxBufferSize}) {
    CAPTURE(bytes);
    Settings s = read_settings(nullptr);
    s.rcvbuf = {bytes, nullptr, SizeError::kNone};
    s.sndbuf = {kMaxBufferSize + 1 - bytes, nullptr, SizeError::kNone};
    check_round_trip(s);
  }
  Settings s = read_settings(nullptr);
  for (const Family family : {Family::kAuto, Family::kSmc, Family::kInet}) {
    s.family = {family, nullptr};
    check_round_trip(s);
  }
  // A list assembled from two texts, as smc_run adds its options' lists
  // to the environment's.
  const std::string from_env = "10.0.0.0/8, [fd00::]/8";
  const std::string from_option = "*:22,[::1]:443-444";
  RuleList option;
  parse_rule_list(from_env.c_str(), &s.exclude);
  parse_rule_list(from_option.c_str(), &option);
  append_rule_list(option, &s.exclude);
  s.filter_active = filter_active(s.include, s.exclude);
  check_round_trip(s);
  CHECK(entries_of(write(s, kNoVariable.with(SettingsVariable::kExclude))) ==
        std::vector<std::string>{"SMC_EXCLUDE=10.0.0.0/8,[fd00::]/8,*:22,[::1]:443-444"});
}

TEST_CASE("write_settings writes sizes in bytes, flags as 1 or 0, lists as their rules' text") {
  const char* env[] = {"SMC_RCVBUF=64k", "SMC_DEBUG=yes",
                       "SMC_EXCLUDE= 10.0.0.1 ,,[FD00::]/8:443 ", nullptr};
  const Written w = write(read_settings(env));
  REQUIRE(w.result.error == WriteError::kNone);
  CHECK(entries_of(w) == std::vector<std::string>{
                             "SMC_RCVBUF=65536", "SMC_SOCK_FAMILY=auto", "SMC_SUMMARY=0",
                             "SMC_SUMMARY_FILE=", "SMC_INCLUDE=",
                             "SMC_EXCLUDE=10.0.0.1,[FD00::]/8:443", "SMC_DEBUG=1",
                             "SMC_STRICT=0", "SMC_INHERIT=1"});
  std::size_t needed = 0;
  for (const std::string& entry : entries_of(w)) needed += entry.size() + 1;
  CHECK(w.result.needed == needed);
}

TEST_CASE("write_settings writes only the variables asked for, in its order") {
  const char* env[] = {"SMC_SNDBUF=1m", "SMC_STRICT=1", "SMC_SUMMARY_FILE=/x", nullptr};
  const Settings s = read_settings(env);
  using V = SettingsVariable;
  CHECK(entries_of(write(s, kNoVariable)).empty());
  CHECK(entries_of(write(s, kNoVariable.with(V::kStrict).with(V::kSndbuf))) ==
        std::vector<std::string>{"SMC_SNDBUF=1048576", "SMC_STRICT=1"});
  // An unset size has no entry.
  CHECK(entries_of(write(s, kNoVariable.with(V::kRcvbuf))).empty());
  CHECK(entries_of(write(s, kNoVariable.with(V::kSummaryFile))) ==
        std::vector<std::string>{"SMC_SUMMARY_FILE=/x"});
}

TEST_CASE("write_settings says what room it needs and writes nothing into less") {
  const char* env[] = {"SMC_SNDBUF=1m", "SMC_DEBUG=1", nullptr};
  const Settings s = read_settings(env);
  const VariableSet which = kNoVariable.with(SettingsVariable::kSndbuf).with(SettingsVariable::kDebug);
  SettingsEntries entries;
  const WrittenSettings asked = write_settings(s, which, nullptr, 0, &entries);
  CHECK(asked.error == WriteError::kNoRoom);
  CHECK(asked.needed == sizeof "SMC_SNDBUF=1048576" + sizeof "SMC_DEBUG=1");
  CHECK(entries.entry[0] == nullptr);
  std::vector<char> text(asked.needed, '#');
  CHECK(write_settings(s, which, text.data(), text.size() - 1, &entries).error ==
        WriteError::kNoRoom);
  CHECK(entries.entry[0] == nullptr);
  const WrittenSettings written = write_settings(s, which, text.data(), text.size(), &entries);
  CHECK(written.error == WriteError::kNone);
  CHECK(written.needed == asked.needed);
  REQUIRE(entries.entry[1] != nullptr);
  CHECK(std::string(entries.entry[0]) == "SMC_SNDBUF=1048576");
  CHECK(std::string(entries.entry[1]) == "SMC_DEBUG=1");
  CHECK(entries.entry[2] == nullptr);
}

TEST_CASE("write_settings refuses values that no variable carries, naming the variable") {
  const struct {
    const char* entry;
    SettingsVariable variable;
  } rows[] = {
      {"SMC_RCVBUF=1g", SettingsVariable::kRcvbuf},
      {"SMC_SNDBUF=", SettingsVariable::kSndbuf},
      {"SMC_SOCK_FAMILY=tcp", SettingsVariable::kFamily},
      {"SMC_INCLUDE=localhost", SettingsVariable::kInclude},
      {"SMC_EXCLUDE=10.0.0.0/8,bogus", SettingsVariable::kExclude},
  };
  for (const auto& row : rows) {
    CAPTURE(row.entry);
    const char* env[] = {row.entry, nullptr};
    const Settings s = read_settings(env);
    const Written all = write(s);
    CHECK(all.result.error == WriteError::kInvalid);
    CHECK(all.result.invalid == row.variable);
    CHECK(all.entries.entry[0] == nullptr);
    // The others are written all the same.
    VariableSet others = kNoVariable;
    for (int k = 0; k < kSettingsVariables; ++k) {
      const auto v = static_cast<SettingsVariable>(k);
      if (v != row.variable) others = others.with(v);
    }
    CHECK(write(s, others).result.error == WriteError::kNone);
  }
  std::string many = "SMC_EXCLUDE=1.1.1.1";
  for (int k = 0; k < kMaxRules; ++k) many += ",2.2.2.2";
  const char* env[] = {many.c_str(), nullptr};
  CHECK(write(read_settings(env)).result.error == WriteError::kInvalid);
  Settings huge = read_settings(nullptr);
  huge.rcvbuf = {kMaxBufferSize + 1, nullptr, SizeError::kNone};
  CHECK(write(huge).result.error == WriteError::kInvalid);
}

TEST_CASE("same_setting compares values, not their spelling") {
  const struct {
    const char* a;
    const char* b;
    SettingsVariable variable;
    bool same;
  } rows[] = {
      {"SMC_SNDBUF=64k", "SMC_SNDBUF=65536", SettingsVariable::kSndbuf, true},
      {"SMC_SNDBUF=64k", "SMC_SNDBUF=65537", SettingsVariable::kSndbuf, false},
      {"SMC_SNDBUF=1g", "PATH=/bin", SettingsVariable::kSndbuf, false},
      {"SMC_DEBUG=yes", "SMC_DEBUG=1", SettingsVariable::kDebug, true},
      {"SMC_DEBUG=0", "PATH=/bin", SettingsVariable::kDebug, true},
      {"SMC_SOCK_FAMILY=auto", "PATH=/bin", SettingsVariable::kFamily, true},
      {"SMC_SOCK_FAMILY=smc", "PATH=/bin", SettingsVariable::kFamily, false},
      {"SMC_SUMMARY_FILE=/a", "SMC_SUMMARY_FILE=/a ", SettingsVariable::kSummaryFile, false},
      {"SMC_SUMMARY_FILE=", "PATH=/bin", SettingsVariable::kSummaryFile, true},
      {"SMC_EXCLUDE=10.0.0.1/8", "SMC_EXCLUDE= 10.0.0.0/8,", SettingsVariable::kExclude, true},
      {"SMC_EXCLUDE=[::ffff:10.0.0.1]", "SMC_EXCLUDE=10.0.0.1", SettingsVariable::kExclude, true},
      {"SMC_EXCLUDE=*:22", "SMC_EXCLUDE=*:23", SettingsVariable::kExclude, false},
      {"SMC_EXCLUDE=*:22,*", "SMC_EXCLUDE=*,*:22", SettingsVariable::kExclude, false},
      {"SMC_INCLUDE=", "PATH=/bin", SettingsVariable::kInclude, true},
      {"SMC_INCLUDE=bogus", "PATH=/bin", SettingsVariable::kInclude, false},
      {"SMC_INHERIT=no", "PATH=/bin", SettingsVariable::kInherit, true},
  };
  for (const auto& row : rows) {
    CAPTURE(row.a);
    CAPTURE(row.b);
    const char* a[] = {row.a, nullptr};
    const char* b[] = {row.b, nullptr};
    CHECK(same_setting(row.variable, read_settings(a), read_settings(b)) == row.same);
    CHECK(same_settings(read_settings(a), read_settings(b)) == row.same);
  }
}

TEST_CASE("variable names are the SMC_* variables, once each") {
  for (int k = 0; k < kSettingsVariables; ++k) {
    const std::string name = variable_name(static_cast<SettingsVariable>(k));
    CAPTURE(name);
    CHECK(name.rfind("SMC_", 0) == 0);
    for (int j = 0; j < k; ++j) CHECK(name != variable_name(static_cast<SettingsVariable>(j)));
  }
  CHECK(std::string(family_name(Family::kInet)) == "inet");
  Family family = Family::kAuto;
  for (const Family f : {Family::kAuto, Family::kSmc, Family::kInet}) {
    CHECK(parse_family(family_name(f), &family));
    CHECK(family == f);
  }
}

TEST_CASE("settings take no variable from the environment in secure-execution mode") {
  const char* env[] = {"SMC_SNDBUF=1m",         "SMC_RCVBUF=64k",
                       "SMC_DEBUG=1",           "SMC_STRICT=1",
                       "SMC_INHERIT=0",         "SMC_SOCK_FAMILY=smc",
                       "SMC_SUMMARY=1",         "SMC_SUMMARY_FILE=/root/x",
                       "SMC_INCLUDE=10.0.0.0/8", "SMC_EXCLUDE=*:22",
                       nullptr};
  const Settings normal = read_settings(env, false);
  CHECK(normal.summary_file != nullptr);
  CHECK(normal.debug);
  const Settings s = read_settings(env, true);
  CHECK(s.sndbuf.bytes == 0);
  CHECK(s.sndbuf.text == nullptr);
  CHECK(s.rcvbuf.bytes == 0);
  CHECK_FALSE(s.debug);
  CHECK_FALSE(s.strict);
  CHECK(s.inherit);
  CHECK(s.family.family == Family::kAuto);
  CHECK(s.family.text == nullptr);
  CHECK_FALSE(s.summary);
  CHECK(s.summary_file == nullptr);
  CHECK(s.include.entries == 0);
  CHECK(s.exclude.entries == 0);
  CHECK_FALSE(s.filter_active);
  CHECK(s.carried[0] == nullptr);
}

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

TEST_CASE("find_env_last takes the last of duplicate entries, as glibc's loader does") {
  const char* env[] = {"LD_PRELOAD=/a.so", "X=1", "LD_PRELOAD=/b.so", "LD_PRELOADX=c", nullptr};
  CHECK(std::string(find_env_last(env, "LD_PRELOAD")) == "/b.so");
  CHECK(std::string(find_env_last(env, "X")) == "1");
  CHECK(find_env_last(env, "Y") == nullptr);
  CHECK(find_env_last(nullptr, "X") == nullptr);
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
