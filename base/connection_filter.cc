#include "base/connection_filter.h"

#include <string.h>

#include <initializer_list>

#include "base/ip_text.h"
#include "base/text_writer.h"

namespace smc {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Whether the first `bits` bits of a and b agree.
bool same_prefix(const unsigned char* a, const unsigned char* b, int bits) {
  int k = 0;
  for (; bits >= 8; bits -= 8, ++k) {
    if (a[k] != b[k]) return false;
  }
  if (bits == 0) return true;
  const unsigned char mask = static_cast<unsigned char>(0xff00 >> bits);
  return (a[k] & mask) == (b[k] & mask);
}

void clear_past_prefix(unsigned char* address, int bytes, int bits) {
  for (int k = 0; k < bytes; ++k, bits -= 8) {
    if (bits >= 8) continue;
    address[k] = bits <= 0 ? 0
                           : static_cast<unsigned char>(
                                 address[k] & (0xff00 >> bits));
  }
}

// The address at the start of an entry: *, [IPv6] or IPv4, with the
// family and its full prefix; *i moves past it.
RuleError parse_address(const char* s, std::size_t n, std::size_t* i, Rule* r) {
  if (s[0] == '*') {
    r->family = RuleFamily::kAny;
    *i = 1;
    return *i < n && s[*i] == '/' ? RuleError::kPrefixOnAny : RuleError::kNone;
  }
  if (s[0] == '[') {
    std::size_t close = 1;
    while (close < n && s[close] != ']') ++close;
    if (close == n) return RuleError::kUnclosedBracket;
    if (!parse_ipv6(s + 1, close - 1, r->address)) return RuleError::kBadAddress;
    r->family = RuleFamily::kIpv6;
    r->prefix = 128;
    *i = close + 1;
    return RuleError::kNone;
  }
  std::size_t end = 0;
  while (end < n && s[end] != '/' && s[end] != ':') ++end;
  if (!parse_ipv4(s, end, r->address)) {
    int colons = 0;
    for (std::size_t k = 0; k < n; ++k) colons += s[k] == ':';
    return colons >= 2 ? RuleError::kUnbracketedIpv6 : RuleError::kBadAddress;
  }
  r->family = RuleFamily::kIpv4;
  r->prefix = 32;
  *i = end;
  return RuleError::kNone;
}

// "/BITS" at s[*i], if there.
RuleError parse_prefix(const char* s, std::size_t n, std::size_t* i, Rule* r) {
  if (*i >= n || s[*i] != '/') return RuleError::kNone;
  ++*i;
  unsigned bits = 0;
  if (!parse_decimal(s, n, i, 3, &bits)) return RuleError::kBadPrefix;
  if (bits > r->prefix) return RuleError::kPrefixTooLong;
  r->prefix = static_cast<unsigned char>(bits);
  return RuleError::kNone;
}

// ":PORT" or ":LOW-HIGH" at s[*i], if there; any port otherwise.
RuleError parse_ports(const char* s, std::size_t n, std::size_t* i, Rule* r) {
  r->port_low = 0;
  r->port_high = 65535;
  if (*i >= n || s[*i] != ':') return RuleError::kNone;
  ++*i;
  unsigned low = 0;
  if (!parse_decimal(s, n, i, 5, &low) || low < 1 || low > 65535) {
    return RuleError::kBadPort;
  }
  unsigned high = low;
  if (*i < n && s[*i] == '-') {
    ++*i;
    if (!parse_decimal(s, n, i, 5, &high) || high < 1 || high > 65535) {
      return RuleError::kBadPort;
    }
    if (high < low) return RuleError::kBackwardPorts;
  }
  r->port_low = static_cast<unsigned short>(low);
  r->port_high = static_cast<unsigned short>(high);
  return RuleError::kNone;
}

// ::ffff:a.b.c.d/96+N is the IPv4 network a.b.c.d/N; bits past the prefix
// are cleared.
void normalize(Rule* r) {
  if (r->family == RuleFamily::kIpv6 && r->prefix >= 96 && is_v4_mapped(r->address)) {
    r->family = RuleFamily::kIpv4;
    r->prefix = static_cast<unsigned char>(r->prefix - 96);
    memmove(r->address, r->address + 12, 4);
    memset(r->address + 4, 0, 12);
  }
  clear_past_prefix(r->address, r->family == RuleFamily::kIpv4 ? 4 : 16, r->prefix);
}

}  // namespace

const char* describe(RuleError error) {
  switch (error) {
    case RuleError::kNone:
      return "no error";
    case RuleError::kBadAddress:
      return "not an IPv4 address, an IPv6 address in brackets or *";
    case RuleError::kUnbracketedIpv6:
      return "IPv6 addresses go in brackets, as in [fd00::1]/64:443";
    case RuleError::kUnclosedBracket:
      return "missing ] after the IPv6 address";
    case RuleError::kBadPrefix:
      return "the prefix length after / must be a number";
    case RuleError::kPrefixTooLong:
      return "prefix length above 32 (IPv4) or 128 (IPv6)";
    case RuleError::kPrefixOnAny:
      return "* takes no prefix length";
    case RuleError::kBadPort:
      return "a port must be a number from 1 to 65535";
    case RuleError::kBackwardPorts:
      return "the port range ends below its start";
    case RuleError::kTrailing:
      return "unexpected text after the address, prefix or ports";
    case RuleError::kTooMany:
      return "too many entries";
  }
  return "unknown error";
}

bool next_entry(const char** cursor, Entry* entry) {
  const char* p = *cursor;
  if (p == nullptr) return false;
  while (*p != '\0') {
    const char* start = p;
    while (*p != '\0' && *p != ',') ++p;
    const char* end = p;
    if (*p == ',') ++p;
    while (start < end && is_blank(*start)) ++start;
    while (end > start && is_blank(end[-1])) --end;
    if (end > start) {
      *cursor = p;
      *entry = {start, static_cast<std::size_t>(end - start)};
      return true;
    }
  }
  *cursor = p;
  return false;
}

RuleError parse_rule(const char* s, std::size_t n, Rule* rule) {
  Rule r{};
  r.text = s;
  r.length = static_cast<unsigned short>(n > 0xffff ? 0xffff : n);
  if (n == 0) return RuleError::kBadAddress;
  std::size_t i = 0;
  for (const auto step : {&parse_address, &parse_prefix, &parse_ports}) {
    const RuleError error = step(s, n, &i, &r);
    if (error != RuleError::kNone) return error;
  }
  if (i != n) return RuleError::kTrailing;
  normalize(&r);
  *rule = r;
  return RuleError::kNone;
}

void parse_rule_list(const char* text, RuleList* list) {
  list->text = text;
  list->count = 0;
  list->entries = 0;
  list->bad = 0;
  list->first_error = RuleError::kNone;
  list->first_bad = {nullptr, 0};
  const char* cursor = text;
  Entry entry;
  while (next_entry(&cursor, &entry)) {
    if (++list->entries > kMaxRules) {
      if (list->first_error != RuleError::kTooMany) {
        list->first_error = RuleError::kTooMany;
        list->first_bad = entry;
      }
      continue;
    }
    const RuleError error = parse_rule(entry.text, entry.length, &list->rules[list->count]);
    if (error == RuleError::kNone) {
      ++list->count;
    } else if (++list->bad == 1) {
      list->first_error = error;
      list->first_bad = entry;
    }
  }
}

void append_rule_list(const RuleList& from, RuleList* to) {
  if (to->first_error == RuleError::kNone && from.first_error != RuleError::kNone) {
    to->first_error = from.first_error;
    to->first_bad = from.first_bad;
  }
  for (int k = 0; k < from.count; ++k) {
    if (to->count < kMaxRules) {
      to->rules[to->count++] = from.rules[k];
    } else if (to->first_error != RuleError::kTooMany) {
      to->first_error = RuleError::kTooMany;
      to->first_bad = {from.rules[k].text, from.rules[k].length};
    }
  }
  to->entries += from.entries;
  to->bad += from.bad;
  to->text = nullptr;
}

bool endpoint_from(const sockaddr* address, socklen_t length, Endpoint* out) {
  if (address == nullptr || length < sizeof(sa_family_t)) return false;
  sa_family_t family;
  memcpy(&family, address, sizeof family);
  Endpoint e{};
  if (family == AF_INET && length >= sizeof(sockaddr_in)) {
    sockaddr_in in;
    memcpy(&in, address, sizeof in);
    e.family = RuleFamily::kIpv4;
    e.port = ntohs(in.sin_port);
    memcpy(e.address, &in.sin_addr, 4);
  } else if (family == AF_INET6 && length >= 24) {  // SIN6_LEN_RFC2133
    sockaddr_in6 in6{};
    memcpy(&in6, address, length < sizeof in6 ? length : sizeof in6);
    e.port = ntohs(in6.sin6_port);
    memcpy(e.address, &in6.sin6_addr, 16);
    if (is_v4_mapped(e.address)) {
      e.family = RuleFamily::kIpv4;
      e.mapped = true;
      memmove(e.address, e.address + 12, 4);
      memset(e.address + 4, 0, 12);
    } else {
      e.family = RuleFamily::kIpv6;
    }
  } else {
    return false;
  }
  *out = e;
  return true;
}

bool rule_matches(const Rule& rule, const Endpoint& e) {
  if (e.port < rule.port_low || e.port > rule.port_high) return false;
  if (rule.family == RuleFamily::kAny) return true;
  return rule.family == e.family && same_prefix(rule.address, e.address, rule.prefix);
}

const Rule* first_match(const RuleList& list, const Endpoint& endpoint) {
  for (int k = 0; k < list.count; ++k) {
    if (rule_matches(list.rules[k], endpoint)) return &list.rules[k];
  }
  return nullptr;
}

bool filter_active(const RuleList& include, const RuleList& exclude) {
  return include.entries > 0 || exclude.count > 0;
}

FilterDecision decide_connection(const RuleList& include, const RuleList& exclude,
                                 const Endpoint& endpoint) {
  if (const Rule* rule = first_match(exclude, endpoint)) {
    return {false, FilterDecision::kExcluded, rule};
  }
  if (include.entries > 0) {
    if (const Rule* rule = first_match(include, endpoint)) {
      return {true, FilterDecision::kIncluded, rule};
    }
    return {false, FilterDecision::kNotIncluded, nullptr};
  }
  if (exclude.count > 0) return {true, FilterDecision::kNotExcluded, nullptr};
  return {true, FilterDecision::kNoLists, nullptr};
}

void format_endpoint(const Endpoint& e, char* buf, std::size_t capacity) {
  if (capacity == 0) return;
  TextWriter out(buf, capacity);
  if (e.family == RuleFamily::kIpv4 && !e.mapped) {
    write_ipv4(out, e.address);
  } else {
    out.ch('[');
    if (e.family == RuleFamily::kIpv4) {
      out.str("::ffff:");
      write_ipv4(out, e.address);
    } else {
      write_ipv6(out, e.address);
    }
    out.ch(']');
  }
  out.ch(':');
  out.num(e.port);
}

}  // namespace smc
