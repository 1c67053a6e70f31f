// The SMC_INCLUDE/SMC_EXCLUDE parser and matcher: any text gives a list
// whose counts add up and whose rules are sound (prefix within the family,
// ports in order, no bits past the prefix), read back the same from their
// own text, match the address they were made from, and, printed as an
// endpoint, parse back to the same address. Exclude always wins.
#include <netinet/in.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/connection_filter.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool same_rule(const smc::Rule& a, const smc::Rule& b) {
  return a.family == b.family && a.prefix == b.prefix && a.port_low == b.port_low &&
         a.port_high == b.port_high && std::memcmp(a.address, b.address, 16) == 0;
}

smc::Endpoint endpoint_of(const smc::Rule& rule, unsigned short port) {
  smc::Endpoint e{};
  e.family = rule.family == smc::RuleFamily::kIpv6 ? smc::RuleFamily::kIpv6
                                                   : smc::RuleFamily::kIpv4;
  e.port = port;
  std::memcpy(e.address, rule.address, 16);
  return e;
}

void check_rule(const smc::Rule& rule, const std::string& input) {
  check(rule.text >= input.data() && rule.text + rule.length <= input.data() + input.size());
  const int bits = rule.family == smc::RuleFamily::kIpv4   ? 32
                   : rule.family == smc::RuleFamily::kIpv6 ? 128
                                                           : 0;
  check(rule.prefix <= bits);
  check(rule.port_low <= rule.port_high);
  check(rule.port_low >= 1 || (rule.port_low == 0 && rule.port_high == 65535));
  for (int bit = rule.prefix; bit < 128; ++bit) {
    check((rule.address[bit / 8] & (0x80 >> (bit % 8))) == 0);
  }

  smc::Rule again{};
  check(smc::parse_rule(rule.text, rule.length, &again) == smc::RuleError::kNone);
  check(same_rule(rule, again));

  const unsigned short port = rule.port_low == 0 ? 1 : rule.port_low;
  const smc::Endpoint e = endpoint_of(rule, port);
  check(smc::rule_matches(rule, e));
  if (rule.family == smc::RuleFamily::kAny) return;
  if (rule.prefix > 0) {  // one bit inside the prefix flipped
    smc::Endpoint other = e;
    const int bit = rule.prefix - 1;
    other.address[bit / 8] ^= static_cast<unsigned char>(0x80 >> (bit % 8));
    check(!smc::rule_matches(rule, other));
  }
  if (rule.port_high < 65535) {
    smc::Endpoint past = e;
    past.port = static_cast<unsigned short>(rule.port_high + 1);
    check(!smc::rule_matches(rule, past));
  }
  char printed[64];
  smc::format_endpoint(e, printed, sizeof printed);
  smc::Rule host{};
  check(smc::parse_rule(printed, std::strlen(printed), &host) == smc::RuleError::kNone);
  check(host.family == rule.family);
  check(host.prefix == (rule.family == smc::RuleFamily::kIpv4 ? 32 : 128));
  check(host.port_low == port && host.port_high == port);
  check(std::memcmp(host.address, e.address, 16) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The text up to the first NUL, as an environment value would be.
  std::string input(reinterpret_cast<const char*>(data), size);
  input.resize(std::strlen(input.c_str()));

  smc::RuleList list;
  smc::parse_rule_list(input.c_str(), &list);
  int entries = 0;
  const char* cursor = input.c_str();
  smc::Entry entry;
  while (smc::next_entry(&cursor, &entry)) {
    check(entry.length > 0);
    ++entries;
  }
  check(list.entries == entries);
  const int parsed = entries < smc::kMaxRules ? entries : smc::kMaxRules;
  check(list.count + list.bad == parsed);
  check(list.count <= smc::kMaxRules);
  if (entries > smc::kMaxRules) {
    check(list.first_error == smc::RuleError::kTooMany);
  } else {
    check((list.first_error == smc::RuleError::kNone) == (list.bad == 0));
  }
  if (list.first_error != smc::RuleError::kNone) {
    check(list.first_bad.text != nullptr);
    check(smc::describe(list.first_error)[0] != '\0');
  }
  for (int k = 0; k < list.count; ++k) check_rule(list.rules[k], input);

  // The same list as include and exclude: whatever it matches is
  // excluded.
  for (int k = 0; k < list.count; ++k) {
    const smc::Rule& rule = list.rules[k];
    const smc::FilterDecision v = smc::decide_connection(
        list, list, endpoint_of(rule, rule.port_low == 0 ? 1 : rule.port_low));
    check(!v.smc && v.why == smc::FilterDecision::kExcluded);
  }
  return 0;
}
