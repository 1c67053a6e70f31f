// The connection filter: which connections may use SMC, from SMC_INCLUDE
// and SMC_EXCLUDE (or smc_run's --include/--exclude). Pure: text in, rules
// and decisions out. The preload library links it, so no allocation, no
// exceptions, no C++ runtime; the launcher links it too, so that both read
// the variables alike.
//
// A list is comma-separated entries, each ADDR[/PREFIX][:PORT[-PORT]]:
//   10.1.2.3            one IPv4 address (a bare address is a full prefix)
//   10.0.0.0/8          an IPv4 network (bits past the prefix are ignored)
//   [fd00::1], [fd00::]/8, [::1]:443
//                       IPv6, always in brackets, the prefix after them
//   10.0.0.0/8:1000-2000  with a port or an inclusive port range (1..65535)
//   *:443, *            any address of either family
// Blanks around entries and empty entries (",a,,b,") are ignored, so that
// scripts may build lists by appending ",entry". IPv4-mapped IPv6 addresses
// (::ffff:a.b.c.d), in rules and in connections, count as IPv4.
//
// A connection uses SMC when (the include list is empty or one of its rules
// matches) and no exclude rule matches: exclude wins. A client is matched by
// the address it connects to (the peer), a server by the address its
// listening socket is bound to (the local one), so a server bound to the
// wildcard address matches only rules for any address (* or /0), by port.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>

namespace smc {

inline constexpr int kMaxRules = 32;  // per list

enum class RuleFamily : unsigned char { kAny, kIpv4, kIpv6 };

struct Rule {
  const char* text;  // the entry as written, blanks trimmed; not NUL-ended
  unsigned short length;
  RuleFamily family;
  unsigned char prefix;  // leading bits of `address` that must match
  unsigned short port_low;   // 0..65535 when no port was given
  unsigned short port_high;
  unsigned char address[16];  // network order; 4 bytes for IPv4
};

enum class RuleError : unsigned char {
  kNone,
  kBadAddress,       // neither an IPv4 address, [IPv6] nor *
  kUnbracketedIpv6,  // fd00::1 instead of [fd00::1]
  kUnclosedBracket,  // [fd00::1
  kBadPrefix,        // /x, / or /0009
  kPrefixTooLong,    // /33 for IPv4, /129 for IPv6
  kPrefixOnAny,      // */8
  kBadPort,          // :0, :65536, :x, :
  kBackwardPorts,    // :2000-1000
  kTrailing,         // text after the entry: 10.0.0.1/8/9, "10.0.0.1 x"
  kTooMany,          // more than kMaxRules entries in one list
};

// A short static phrase for messages, e.g. "prefix length above 32 for an
// IPv4 address".
const char* describe(RuleError error);

// One entry of a list: a piece of the text between commas, trimmed.
struct Entry {
  const char* text;
  std::size_t length;
};

// The next non-empty entry at *cursor, which it moves past it; false at the
// end of the text. For walking a list again, e.g. to report each bad entry.
bool next_entry(const char** cursor, Entry* entry);

// Parses one entry (need not be NUL-ended) into *rule.
RuleError parse_rule(const char* text, std::size_t length, Rule* rule);

struct RuleList {
  const char* text;  // the value parsed; nullptr when the variable is unset
  int count;         // valid rules, in rules[0..count)
  Rule rules[kMaxRules];
  int entries;       // non-empty entries in text, valid or not
  int bad;           // malformed entries among the first kMaxRules, skipped
  RuleError first_error;  // kTooMany when entries > kMaxRules, else the
  Entry first_bad;        // error of the first malformed entry (kNone if
                          // none), which first_bad names
};

// Parses a whole list; `text` nullptr (unset) gives an empty list. Entries
// past the kMaxRules-th are not parsed (first_error says kTooMany).
// Never fails: the launcher refuses any list with first_error != kNone,
// the library uses the valid rules and reports the rest.
void parse_rule_list(const char* text, RuleList* list);

// Adds `from`'s rules and entries to `to`, without parsing again: for
// lists without malformed entries, the list that parsing their texts
// joined by a comma would give (but `to->text`, nullptr since no one text
// holds them). Rules past the kMaxRules-th are dropped, and first_error
// then says kTooMany, naming the first entry dropped.
void append_rule_list(const RuleList& from, RuleList* to);

// An address and port of a connection, from a sockaddr.
struct Endpoint {
  RuleFamily family;  // kIpv4 or kIpv6
  bool mapped;        // IPv4 given as ::ffff:a.b.c.d (for printing)
  unsigned short port;
  unsigned char address[16];
};

// From an AF_INET or AF_INET6 sockaddr of at least its size; false for
// anything else (AF_UNSPEC, AF_UNIX, null, short).
bool endpoint_from(const sockaddr* address, socklen_t length, Endpoint* out);

bool rule_matches(const Rule& rule, const Endpoint& endpoint);

// The first rule of `list` that matches, or nullptr.
const Rule* first_match(const RuleList& list, const Endpoint& endpoint);

// Whether either list asks anything of connections: an include list with
// entries (even if none of them is valid: then nothing is included), or an
// exclude list with valid rules.
bool filter_active(const RuleList& include, const RuleList& exclude);

// Which call asks: a client's connect() (matched by the peer) or a
// server's listen() (matched by its own address).
enum class FilterSide { kClient, kServer };

struct FilterDecision {
  enum Why : unsigned char {
    kNoLists,     // no filter: SMC
    kIncluded,    // an include rule matched and no exclude rule: SMC
    kNotExcluded, // no include list, no exclude rule matched: SMC
    kExcluded,    // an exclude rule matched: TCP
    kNotIncluded, // there is an include list and nothing in it matched: TCP
  };
  bool smc;
  Why why;
  const Rule* rule;  // the rule that decided, for kIncluded and kExcluded
};

FilterDecision decide_connection(const RuleList& include, const RuleList& exclude,
                                 const Endpoint& endpoint);

// "10.1.2.3:443", "[fd00::1]:443", "[::ffff:10.1.2.3]:80": always
// NUL-terminated within `capacity` (cut if too small; 48 is enough).
void format_endpoint(const Endpoint& endpoint, char* out, std::size_t capacity);

}  // namespace smc
