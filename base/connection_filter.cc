#include "base/connection_filter.h"

#include <string.h>

#include "base/text_writer.h"

namespace smc {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decimal digits at s[*i..n), at most `max_digits` of them, at least one.
// Leading zeros are allowed ("/08", ":080").
bool parse_number(const char* s, std::size_t n, std::size_t* i,
                  std::size_t max_digits, unsigned* value) {
  std::size_t digits = 0;
  unsigned v = 0;
  while (*i < n && is_digit(s[*i])) {
    if (++digits > max_digits) return false;
    v = v * 10 + static_cast<unsigned>(s[*i] - '0');
    ++*i;
  }
  *value = v;
  return digits > 0;
}

// Exactly four decimal octets; no leading zeros (inet_aton would read
// "010" as octal, so it is refused rather than guessed).
bool parse_ipv4(const char* s, std::size_t n, unsigned char out[4]) {
  std::size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= n || s[i] != '.') return false;
      ++i;
    }
    const std::size_t start = i;
    unsigned value = 0;
    if (!parse_number(s, n, &i, 3, &value) || value > 255) return false;
    if (s[start] == '0' && i - start > 1) return false;
    out[part] = static_cast<unsigned char>(value);
  }
  return i == n;
}

// RFC 4291 text: up to eight groups of 1-4 hex digits, at most one "::",
// optionally ending in a dotted IPv4 address. No zone (%eth0).
bool parse_ipv6(const char* s, std::size_t n, unsigned char out[16]) {
  unsigned short words[8] = {};
  int count = 0;
  int gap = -1;  // index in words where "::" stands
  std::size_t i = 0;
  if (n >= 2 && s[0] == ':' && s[1] == ':') {
    gap = 0;
    i = 2;
  } else if (n == 0 || s[0] == ':') {
    return false;
  }
  while (i < n) {
    const std::size_t start = i;
    unsigned value = 0;
    int digits = 0;
    while (i < n && hex_value(s[i]) >= 0) {
      if (++digits > 4) return false;
      value = value * 16 + static_cast<unsigned>(hex_value(s[i]));
      ++i;
    }
    if (i < n && s[i] == '.') {  // the IPv4 tail
      unsigned char v4[4];
      if (count > 6 || !parse_ipv4(s + start, n - start, v4)) return false;
      words[count++] = static_cast<unsigned short>(v4[0] << 8 | v4[1]);
      words[count++] = static_cast<unsigned short>(v4[2] << 8 | v4[3]);
      i = n;
      break;
    }
    if (digits == 0 || count == 8) return false;
    words[count++] = static_cast<unsigned short>(value);
    if (i == n) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < n && s[i] == ':') {
      if (gap >= 0) return false;
      gap = count;
      ++i;
    } else if (i == n) {
      return false;  // a single trailing colon
    }
  }
  if (gap < 0 && count != 8) return false;
  if (gap >= 0 && count > 7) return false;
  unsigned short full[8] = {};
  if (gap < 0) {
    for (int k = 0; k < 8; ++k) full[k] = words[k];
  } else {
    const int tail = count - gap;
    for (int k = 0; k < gap; ++k) full[k] = words[k];
    for (int k = 0; k < tail; ++k) full[8 - tail + k] = words[gap + k];
  }
  for (int k = 0; k < 8; ++k) {
    out[2 * k] = static_cast<unsigned char>(full[k] >> 8);
    out[2 * k + 1] = static_cast<unsigned char>(full[k] & 0xff);
  }
  return true;
}

bool is_v4_mapped(const unsigned char a[16]) {
  for (int k = 0; k < 10; ++k) {
    if (a[k] != 0) return false;
  }
  return a[10] == 0xff && a[11] == 0xff;
}

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

void put_ipv4(TextWriter& out, const unsigned char* a) {
  for (int k = 0; k < 4; ++k) {
    if (k > 0) out.ch('.');
    out.num(a[k]);
  }
}

// RFC 5952: lowercase, no leading zeros, the longest run of two or more
// zero groups (the first of equals) as "::".
void put_ipv6(TextWriter& out, const unsigned char* a) {
  unsigned words[8];
  for (int k = 0; k < 8; ++k) words[k] = static_cast<unsigned>(a[2 * k] << 8 | a[2 * k + 1]);
  int best = -1, best_len = 1;
  for (int k = 0; k < 8;) {
    if (words[k] != 0) {
      ++k;
      continue;
    }
    int end = k;
    while (end < 8 && words[end] == 0) ++end;
    if (end - k > best_len) {
      best = k;
      best_len = end - k;
    }
    k = end;
  }
  for (int k = 0; k < 8; ++k) {
    if (k == best) {
      out.str("::");
      k += best_len - 1;
      continue;
    }
    if (k > 0 && k != best + best_len) out.ch(':');
    out.hex(words[k]);
  }
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
  std::size_t i = 0;
  if (n == 0) return RuleError::kBadAddress;
  if (s[0] == '*') {
    r.family = RuleFamily::kAny;
    i = 1;
    if (i < n && s[i] == '/') return RuleError::kPrefixOnAny;
  } else if (s[0] == '[') {
    std::size_t close = 1;
    while (close < n && s[close] != ']') ++close;
    if (close == n) return RuleError::kUnclosedBracket;
    if (!parse_ipv6(s + 1, close - 1, r.address)) return RuleError::kBadAddress;
    r.family = RuleFamily::kIpv6;
    r.prefix = 128;
    i = close + 1;
  } else {
    std::size_t end = 0;
    while (end < n && s[end] != '/' && s[end] != ':') ++end;
    if (!parse_ipv4(s, end, r.address)) {
      int colons = 0;
      for (std::size_t k = 0; k < n; ++k) colons += s[k] == ':';
      return colons >= 2 ? RuleError::kUnbracketedIpv6 : RuleError::kBadAddress;
    }
    r.family = RuleFamily::kIpv4;
    r.prefix = 32;
    i = end;
  }
  if (i < n && s[i] == '/') {
    ++i;
    unsigned bits = 0;
    if (!parse_number(s, n, &i, 3, &bits)) return RuleError::kBadPrefix;
    if (bits > r.prefix) return RuleError::kPrefixTooLong;
    r.prefix = static_cast<unsigned char>(bits);
  }
  r.port_low = 0;
  r.port_high = 65535;
  if (i < n && s[i] == ':') {
    ++i;
    unsigned low = 0;
    if (!parse_number(s, n, &i, 5, &low) || low < 1 || low > 65535) {
      return RuleError::kBadPort;
    }
    unsigned high = low;
    if (i < n && s[i] == '-') {
      ++i;
      if (!parse_number(s, n, &i, 5, &high) || high < 1 || high > 65535) {
        return RuleError::kBadPort;
      }
      if (high < low) return RuleError::kBackwardPorts;
    }
    r.port_low = static_cast<unsigned short>(low);
    r.port_high = static_cast<unsigned short>(high);
  }
  if (i != n) return RuleError::kTrailing;
  // ::ffff:a.b.c.d/96+N is the IPv4 network a.b.c.d/N.
  if (r.family == RuleFamily::kIpv6 && r.prefix >= 96 && is_v4_mapped(r.address)) {
    r.family = RuleFamily::kIpv4;
    r.prefix = static_cast<unsigned char>(r.prefix - 96);
    memmove(r.address, r.address + 12, 4);
    memset(r.address + 4, 0, 12);
  }
  clear_past_prefix(r.address, r.family == RuleFamily::kIpv4 ? 4 : 16, r.prefix);
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
    put_ipv4(out, e.address);
  } else {
    out.ch('[');
    if (e.family == RuleFamily::kIpv4) {
      out.str("::ffff:");
      put_ipv4(out, e.address);
    } else {
      put_ipv6(out, e.address);
    }
    out.ch(']');
  }
  out.ch(':');
  out.num(e.port);
}

}  // namespace smc
