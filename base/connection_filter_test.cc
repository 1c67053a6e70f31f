#include "base/connection_filter.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <sys/un.h>

#include <string>
#include <vector>

namespace smc {
namespace {

std::string text_of(const Rule& r) { return std::string(r.text, r.length); }
std::string text_of(const Entry& e) { return std::string(e.text, e.length); }

std::string hex(const unsigned char* bytes, int n) {
  std::string out;
  for (int k = 0; k < n; ++k) {
    out += "0123456789abcdef"[bytes[k] >> 4];
    out += "0123456789abcdef"[bytes[k] & 15];
  }
  return out;
}

Endpoint v4(const char* address, unsigned short port) {
  sockaddr_in in{};
  in.sin_family = AF_INET;
  in.sin_port = htons(port);
  REQUIRE(inet_pton(AF_INET, address, &in.sin_addr) == 1);
  Endpoint e{};
  REQUIRE(endpoint_from(reinterpret_cast<const sockaddr*>(&in), sizeof in, &e));
  return e;
}

Endpoint v6(const char* address, unsigned short port) {
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  in6.sin6_port = htons(port);
  REQUIRE(inet_pton(AF_INET6, address, &in6.sin6_addr) == 1);
  Endpoint e{};
  REQUIRE(endpoint_from(reinterpret_cast<const sockaddr*>(&in6), sizeof in6, &e));
  return e;
}

TEST_CASE("connection filter rules parse the documented forms") {
  struct Row {
    const char* text;
    RuleFamily family;
    int prefix;
    const char* address;  // hex of the significant bytes
    int port_low;
    int port_high;
  };
  const Row rows[] = {
      {"10.1.2.3", RuleFamily::kIpv4, 32, "0a010203", 0, 65535},
      {"10.0.0.0/8", RuleFamily::kIpv4, 8, "0a000000", 0, 65535},
      {"10.1.2.3/8", RuleFamily::kIpv4, 8, "0a000000", 0, 65535},  // host bits dropped
      {"192.168.1.0/23", RuleFamily::kIpv4, 23, "c0a80000", 0, 65535},
      {"0.0.0.0/0", RuleFamily::kIpv4, 0, "00000000", 0, 65535},
      {"10.0.0.0/08", RuleFamily::kIpv4, 8, "0a000000", 0, 65535},
      {"10.0.0.0/8:1000-2000", RuleFamily::kIpv4, 8, "0a000000", 1000, 2000},
      {"127.0.0.1:443", RuleFamily::kIpv4, 32, "7f000001", 443, 443},
      {"127.0.0.1:1-65535", RuleFamily::kIpv4, 32, "7f000001", 1, 65535},
      {"1.2.3.4:80-80", RuleFamily::kIpv4, 32, "01020304", 80, 80},
      {"*", RuleFamily::kAny, 0, "", 0, 65535},
      {"*:443", RuleFamily::kAny, 0, "", 443, 443},
      {"*:8000-8999", RuleFamily::kAny, 0, "", 8000, 8999},
      {"[::1]", RuleFamily::kIpv6, 128, "00000000000000000000000000000001", 0, 65535},
      {"[fd00::]/8", RuleFamily::kIpv6, 8, "fd000000000000000000000000000000", 0, 65535},
      {"[fd12:3456::1]/64", RuleFamily::kIpv6, 64, "fd123456000000000000000000000000", 0, 65535},
      {"[::1]:443", RuleFamily::kIpv6, 128, "00000000000000000000000000000001", 443, 443},
      {"[2001:DB8::]/32:80-81", RuleFamily::kIpv6, 32, "20010db8000000000000000000000000", 80, 81},
      {"[::]/0", RuleFamily::kIpv6, 0, "00000000000000000000000000000000", 0, 65535},
      {"[1:2:3:4:5:6:7:8]", RuleFamily::kIpv6, 128, "00010002000300040005000600070008", 0, 65535},
      {"[1::]", RuleFamily::kIpv6, 128, "00010000000000000000000000000000", 0, 65535},
      {"[1:2:3:4:5:6:7::]", RuleFamily::kIpv6, 128, "00010002000300040005000600070000", 0, 65535},
      {"[::2:3:4:5:6:7:8]", RuleFamily::kIpv6, 128, "00000002000300040005000600070008", 0, 65535},
      {"[64:ff9b::10.0.0.1]", RuleFamily::kIpv6, 128, "0064ff9b00000000000000000a000001", 0, 65535},
      // IPv4-mapped IPv6 rules are IPv4 rules.
      {"[::ffff:10.0.0.0]/104", RuleFamily::kIpv4, 8, "0a000000", 0, 65535},
      {"[::ffff:10.1.2.3]:22", RuleFamily::kIpv4, 32, "0a010203", 22, 22},
      {"[::ffff:0:0]/96", RuleFamily::kIpv4, 0, "00000000", 0, 65535},
      {"[::ffff:0:0]/95", RuleFamily::kIpv6, 95, "00000000000000000000fffe00000000", 0, 65535},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    Rule r{};
    const std::string text = row.text;
    REQUIRE(parse_rule(text.data(), text.size(), &r) == RuleError::kNone);
    CHECK(r.family == row.family);
    CHECK(r.prefix == row.prefix);
    const int bytes = r.family == RuleFamily::kIpv4 ? 4 : r.family == RuleFamily::kIpv6 ? 16 : 0;
    CHECK(hex(r.address, bytes) == row.address);
    CHECK(r.port_low == row.port_low);
    CHECK(r.port_high == row.port_high);
    CHECK(text_of(r) == row.text);
  }
}

TEST_CASE("connection filter rules refuse malformed entries with the reason") {
  struct Row {
    const char* text;
    RuleError error;
  };
  const Row rows[] = {
      {"", RuleError::kBadAddress},
      {"10.0.0", RuleError::kBadAddress},
      {"10.0.0.0.1", RuleError::kBadAddress},
      {"256.1.1.1", RuleError::kBadAddress},
      {"010.0.0.1", RuleError::kBadAddress},  // octal to inet_aton
      {"10.0.0.-1", RuleError::kBadAddress},
      {"host.example", RuleError::kBadAddress},
      {"localhost", RuleError::kBadAddress},
      {"1.2.3.4.", RuleError::kBadAddress},
      {" 1.2.3.4", RuleError::kBadAddress},  // lists trim; a lone entry is exact
      {"/8", RuleError::kBadAddress},
      {":443", RuleError::kBadAddress},
      {"**", RuleError::kTrailing},
      {"fd00::1", RuleError::kUnbracketedIpv6},
      {"::1", RuleError::kUnbracketedIpv6},
      {"fd00::/8", RuleError::kUnbracketedIpv6},
      {"[fd00::1", RuleError::kUnclosedBracket},
      {"[]", RuleError::kBadAddress},
      {"[10.0.0.1]", RuleError::kBadAddress},
      {"[fd00::1/64]", RuleError::kBadAddress},
      {"[fe80::1%eth0]", RuleError::kBadAddress},
      {"[1:2:3:4:5:6:7:8:9]", RuleError::kBadAddress},
      {"[1:2:3:4:5:6:7]", RuleError::kBadAddress},
      {"[1::2::3]", RuleError::kBadAddress},
      {"[1:::2]", RuleError::kBadAddress},
      {"[12345::]", RuleError::kBadAddress},
      {"[1:]", RuleError::kBadAddress},
      {"[:1]", RuleError::kBadAddress},
      {"[1:2:3:4:5:6:7:8::]", RuleError::kBadAddress},
      {"[::g]", RuleError::kBadAddress},
      {"[1:2:3:4:5:6:7:1.2.3.4]", RuleError::kBadAddress},
      {"10.0.0.0/", RuleError::kBadPrefix},
      {"10.0.0.0/x", RuleError::kBadPrefix},
      {"10.0.0.0/0008", RuleError::kBadPrefix},
      {"10.0.0.0/-8", RuleError::kBadPrefix},
      {"10.0.0.0/33", RuleError::kPrefixTooLong},
      {"[::]/129", RuleError::kPrefixTooLong},
      {"[::ffff:1.2.3.4]/129", RuleError::kPrefixTooLong},
      {"*/8", RuleError::kPrefixOnAny},
      {"10.0.0.1:", RuleError::kBadPort},
      {"10.0.0.1:0", RuleError::kBadPort},
      {"10.0.0.1:65536", RuleError::kBadPort},
      {"10.0.0.1:123456", RuleError::kBadPort},
      {"10.0.0.1:http", RuleError::kBadPort},
      {"10.0.0.1:80-", RuleError::kBadPort},
      {"10.0.0.1:-80", RuleError::kBadPort},
      {"10.0.0.1:0-80", RuleError::kBadPort},
      {"*:1-70000", RuleError::kBadPort},
      {"10.0.0.1:2000-1000", RuleError::kBackwardPorts},
      {"10.0.0.1:80:81", RuleError::kTrailing},
      {"10.0.0.1:80-81-82", RuleError::kTrailing},
      {"10.0.0.0/8/9", RuleError::kTrailing},
      {"10.0.0.0/8 x", RuleError::kTrailing},
      {"[::1]x", RuleError::kTrailing},
      {"[::1]443", RuleError::kTrailing},
      {"*x", RuleError::kTrailing},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    Rule r{};
    const std::string text = row.text;
    CHECK(parse_rule(text.data(), text.size(), &r) == row.error);
    CHECK(describe(row.error)[0] != '\0');
  }
}

TEST_CASE("connection filter lists split at commas, trim blanks and skip empty entries") {
  struct Row {
    const char* text;
    std::vector<std::string> entries;
  };
  const Row rows[] = {
      {"", {}},
      {" , ,, ", {}},
      {"10.0.0.0/8", {"10.0.0.0/8"}},
      {"10.0.0.0/8,[::1]:443", {"10.0.0.0/8", "[::1]:443"}},
      {" 10.0.0.0/8 ,\t*:22\t", {"10.0.0.0/8", "*:22"}},
      {",a,,b,", {"a", "b"}},
      {"a b, c", {"a b", "c"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    std::vector<std::string> got;
    const char* cursor = row.text;
    Entry e{};
    while (next_entry(&cursor, &e)) got.push_back(text_of(e));
    CHECK(got == row.entries);
  }
  const char* none = nullptr;
  Entry e{};
  CHECK_FALSE(next_entry(&none, &e));
}

TEST_CASE("connection filter lists keep the valid rules and name the first bad entry") {
  RuleList list;
  parse_rule_list("10.0.0.0/8, bogus, [::1]:443, 10.0.0.0/33", &list);
  CHECK(list.text != nullptr);
  CHECK(list.entries == 4);
  CHECK(list.count == 2);
  CHECK(list.bad == 2);
  CHECK(list.first_error == RuleError::kBadAddress);
  CHECK(text_of(list.first_bad) == "bogus");
  CHECK(text_of(list.rules[0]) == "10.0.0.0/8");
  CHECK(text_of(list.rules[1]) == "[::1]:443");

  parse_rule_list(nullptr, &list);
  CHECK(list.text == nullptr);
  CHECK(list.entries == 0);
  CHECK(list.count == 0);
  CHECK(list.first_error == RuleError::kNone);

  parse_rule_list("1.1.1.1,2.2.2.2", &list);
  CHECK(list.count == 2);
  CHECK(list.bad == 0);
  CHECK(list.first_error == RuleError::kNone);
}

TEST_CASE("connection filter lists hold 32 entries and say so past that") {
  std::string text;
  for (int k = 1; k <= 40; ++k) text += "10.0.0." + std::to_string(k) + ",";
  RuleList list;
  parse_rule_list(text.c_str(), &list);
  CHECK(list.entries == 40);
  CHECK(list.count == kMaxRules);
  CHECK(list.bad == 0);
  CHECK(list.first_error == RuleError::kTooMany);
  CHECK(text_of(list.first_bad) == "10.0.0.33");
  CHECK(text_of(list.rules[31]) == "10.0.0.32");

  text.clear();
  for (int k = 1; k <= kMaxRules; ++k) text += "10.0.0." + std::to_string(k) + ",";
  parse_rule_list(text.c_str(), &list);
  CHECK(list.count == kMaxRules);
  CHECK(list.first_error == RuleError::kNone);
}

TEST_CASE("connection filter lists add up without parsing again, as their joined texts would") {
  std::string twenty = "10.0.0.1";
  for (int k = 2; k <= 20; ++k) twenty += ",10.0.0." + std::to_string(k);
  std::string thirty_two = "[fd00::1]";
  for (int k = 2; k <= kMaxRules; ++k) thirty_two += ",[fd00::" + std::to_string(k) + "]";
  const struct {
    std::string a, b;
  } rows[] = {
      {"10.0.0.0/8", "*:22"},
      {" 10.0.0.0/8 , [fd00::]/8:443 ", ",*:1-65535,"},
      {"", "[::1]"},
      {" , ", "10.1.2.3/8"},
      {"[::ffff:10.0.0.1]", ""},
      {twenty, twenty},
      {thirty_two, "1.1.1.1"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.a);
    CAPTURE(row.b);
    RuleList appended, from, joined;
    parse_rule_list(row.a.c_str(), &appended);
    parse_rule_list(row.b.c_str(), &from);
    append_rule_list(from, &appended);
    const std::string both = row.a + "," + row.b;
    parse_rule_list(both.c_str(), &joined);
    CHECK(appended.text == nullptr);
    CHECK(appended.count == joined.count);
    CHECK(appended.entries == joined.entries);
    CHECK(appended.bad == joined.bad);
    CHECK(appended.first_error == joined.first_error);
    CHECK(text_of(appended.first_bad) == text_of(joined.first_bad));
    for (int k = 0; k < joined.count && k < appended.count; ++k) {
      CAPTURE(k);
      CHECK(text_of(appended.rules[k]) == text_of(joined.rules[k]));
      CHECK(appended.rules[k].family == joined.rules[k].family);
      CHECK(appended.rules[k].prefix == joined.rules[k].prefix);
      CHECK(appended.rules[k].port_low == joined.rules[k].port_low);
      CHECK(appended.rules[k].port_high == joined.rules[k].port_high);
      CHECK(hex(appended.rules[k].address, 16) == hex(joined.rules[k].address, 16));
    }
  }
}

TEST_CASE("connection filter endpoints come from AF_INET and AF_INET6 addresses only") {
  const Endpoint a = v4("10.1.2.3", 443);
  CHECK(a.family == RuleFamily::kIpv4);
  CHECK_FALSE(a.mapped);
  CHECK(a.port == 443);
  CHECK(hex(a.address, 4) == "0a010203");
  const Endpoint b = v6("::ffff:10.1.2.3", 80);
  CHECK(b.family == RuleFamily::kIpv4);
  CHECK(b.mapped);
  CHECK(hex(b.address, 4) == "0a010203");
  CHECK(v6("fd00::1", 1).family == RuleFamily::kIpv6);

  Endpoint e{};
  sockaddr_in in{};
  in.sin_family = AF_INET;
  CHECK_FALSE(endpoint_from(reinterpret_cast<const sockaddr*>(&in), sizeof in - 1, &e));
  CHECK_FALSE(endpoint_from(nullptr, 16, &e));
  sockaddr_un un{};
  un.sun_family = AF_UNIX;
  CHECK_FALSE(endpoint_from(reinterpret_cast<const sockaddr*>(&un), sizeof un, &e));
  sockaddr unspec{};
  unspec.sa_family = AF_UNSPEC;
  CHECK_FALSE(endpoint_from(&unspec, sizeof unspec, &e));
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  CHECK(endpoint_from(reinterpret_cast<const sockaddr*>(&in6), 24, &e));  // RFC 2133 size
  CHECK_FALSE(endpoint_from(reinterpret_cast<const sockaddr*>(&in6), 23, &e));
}

TEST_CASE("connection filter rules match by prefix, family and port") {
  struct Row {
    const char* rule;
    Endpoint endpoint;
    bool matches;
  };
  const Row rows[] = {
      {"10.0.0.0/8", v4("10.255.1.2", 80), true},
      {"10.0.0.0/8", v4("11.0.0.1", 80), false},
      {"10.0.0.0/8", v4("9.255.255.255", 80), false},
      {"10.1.2.3", v4("10.1.2.3", 1), true},
      {"10.1.2.3", v4("10.1.2.4", 1), false},
      {"192.168.0.0/23", v4("192.168.1.200", 1), true},
      {"192.168.0.0/23", v4("192.168.2.1", 1), false},
      {"0.0.0.0/0", v4("203.0.113.9", 1), true},
      {"0.0.0.0/0", v6("fd00::1", 1), false},
      {"*", v4("203.0.113.9", 1), true},
      {"*", v6("2001:db8::1", 1), true},
      {"*:443", v6("2001:db8::1", 443), true},
      {"*:443", v6("2001:db8::1", 444), false},
      {"10.0.0.0/8:1000-2000", v4("10.0.0.1", 999), false},
      {"10.0.0.0/8:1000-2000", v4("10.0.0.1", 1000), true},
      {"10.0.0.0/8:1000-2000", v4("10.0.0.1", 2000), true},
      {"10.0.0.0/8:1000-2000", v4("10.0.0.1", 2001), false},
      {"10.0.0.0/8:1000-2000", v4("11.0.0.1", 1500), false},
      // An unbound listener (port 0) matches only rules without ports.
      {"*", v4("0.0.0.0", 0), true},
      {"*:1-65535", v4("0.0.0.0", 0), false},
      {"[fd00::]/8", v6("fd12::1", 1), true},
      {"[fd00::]/8", v6("fe80::1", 1), false},
      {"[fd00::]/8", v4("10.0.0.1", 1), false},
      {"[2001:db8::]/33", v6("2001:db8:7fff::1", 1), true},
      {"[2001:db8::]/33", v6("2001:db8:8000::1", 1), false},
      {"[::1]:443", v6("::1", 443), true},
      {"[::]/0", v6("::1", 1), true},
      // IPv4-mapped peers are IPv4 peers.
      {"10.0.0.0/8", v6("::ffff:10.9.8.7", 80), true},
      {"[::ffff:10.0.0.0]/104", v4("10.9.8.7", 80), true},
      {"[::]/0", v6("::ffff:10.9.8.7", 80), false},
      {"127.0.0.1", v6("::1", 80), false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.rule);
    CAPTURE(row.endpoint.port);
    Rule r{};
    const std::string text = row.rule;
    REQUIRE(parse_rule(text.data(), text.size(), &r) == RuleError::kNone);
    CHECK(rule_matches(r, row.endpoint) == row.matches);
  }
}

TEST_CASE("connection filter decisions: include list or none, and exclude wins") {
  struct Row {
    const char* include;  // nullptr: unset
    const char* exclude;
    Endpoint endpoint;
    bool smc;
    FilterDecision::Why why;
    const char* rule;  // "" when none
  };
  const Row rows[] = {
      {nullptr, nullptr, v4("10.0.0.1", 80), true, FilterDecision::kNoLists, ""},
      {"", "", v4("10.0.0.1", 80), true, FilterDecision::kNoLists, ""},
      {nullptr, "10.0.0.0/8", v4("10.0.0.1", 80), false, FilterDecision::kExcluded, "10.0.0.0/8"},
      {nullptr, "10.0.0.0/8", v4("192.0.2.1", 80), true, FilterDecision::kNotExcluded, ""},
      {"10.0.0.0/8", nullptr, v4("10.0.0.1", 80), true, FilterDecision::kIncluded, "10.0.0.0/8"},
      {"10.0.0.0/8", nullptr, v4("192.0.2.1", 80), false, FilterDecision::kNotIncluded, ""},
      {"10.0.0.0/8", "10.1.0.0/16", v4("10.1.0.1", 80), false, FilterDecision::kExcluded, "10.1.0.0/16"},
      {"10.0.0.0/8", "10.1.0.0/16", v4("10.2.0.1", 80), true, FilterDecision::kIncluded, "10.0.0.0/8"},
      {"10.0.0.0/8", "*:22", v4("10.2.0.1", 22), false, FilterDecision::kExcluded, "*:22"},
      {"*", "[fd00::]/8", v6("fd00::5", 1), false, FilterDecision::kExcluded, "[fd00::]/8"},
      // The first matching rule decides, and names itself.
      {"10.0.0.0/8,10.1.0.0/16", nullptr, v4("10.1.0.1", 80), true, FilterDecision::kIncluded, "10.0.0.0/8"},
      // An include list of only bad entries includes nothing (it still says
      // "only these"); an exclude list of only bad entries excludes nothing.
      {"bogus", nullptr, v4("10.0.0.1", 80), false, FilterDecision::kNotIncluded, ""},
      {nullptr, "bogus", v4("10.0.0.1", 80), true, FilterDecision::kNoLists, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.include ? row.include : "(unset)");
    CAPTURE(row.exclude ? row.exclude : "(unset)");
    RuleList include, exclude;
    parse_rule_list(row.include, &include);
    parse_rule_list(row.exclude, &exclude);
    const FilterDecision v = decide_connection(include, exclude, row.endpoint);
    CHECK(v.smc == row.smc);
    CHECK(v.why == row.why);
    CHECK((v.rule ? text_of(*v.rule) : std::string()) == row.rule);
    CHECK(filter_active(include, exclude) == (row.why != FilterDecision::kNoLists));
  }
}

TEST_CASE("connection filter endpoints print as address:port, IPv6 in brackets, RFC 5952") {
  struct Row {
    Endpoint endpoint;
    const char* text;
  };
  const Row rows[] = {
      {v4("10.1.2.3", 443), "10.1.2.3:443"},
      {v4("0.0.0.0", 0), "0.0.0.0:0"},
      {v4("255.255.255.255", 65535), "255.255.255.255:65535"},
      {v6("::1", 80), "[::1]:80"},
      {v6("::", 80), "[::]:80"},
      {v6("fd00::1", 8080), "[fd00::1]:8080"},
      {v6("2001:db8:0:0:1:0:0:1", 1), "[2001:db8::1:0:0:1]:1"},
      {v6("2001:db8:0:1:1:1:1:1", 1), "[2001:db8:0:1:1:1:1:1]:1"},
      {v6("1:0:0:2:0:0:0:3", 1), "[1:0:0:2::3]:1"},
      {v6("1::", 1), "[1::]:1"},
      {v6("FE80::ABCD", 1), "[fe80::abcd]:1"},
      {v6("::ffff:10.1.2.3", 22), "[::ffff:10.1.2.3]:22"},
  };
  for (const Row& row : rows) {
    char buf[64];
    format_endpoint(row.endpoint, buf, sizeof buf);
    CHECK(std::string(buf) == row.text);
  }
  // Cut, never overrun, always terminated.
  char small[6];
  format_endpoint(v4("10.1.2.3", 443), small, sizeof small);
  CHECK(std::string(small) == "10.1.");
  char none[1] = {'x'};
  format_endpoint(v4("10.1.2.3", 443), none, sizeof none);
  CHECK(none[0] == '\0');
}

}  // namespace
}  // namespace smc
