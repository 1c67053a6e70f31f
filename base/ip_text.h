// IP addresses as text, without the C++ runtime and stricter than libc's
// inet_pton/inet_ntop where the connection filter needs it: parsing its
// rules and writing the endpoints of -d lines.
#pragma once

#include <cstddef>

#include "base/text_writer.h"

namespace smc {

// Decimal digits at s[*i..n), at most `max_digits` of them, at least one;
// *i moves past them. Leading zeros are allowed ("/08", ":080").
bool parse_decimal(const char* s, std::size_t n, std::size_t* i,
                   std::size_t max_digits, unsigned* value);

// Exactly four decimal octets into out (network order); no leading zeros
// (inet_aton would read "010" as octal, so it is refused rather than
// guessed).
bool parse_ipv4(const char* s, std::size_t n, unsigned char out[4]);

// RFC 4291 text: up to eight groups of 1-4 hex digits, at most one "::",
// optionally ending in a dotted IPv4 address. No zone (%eth0).
bool parse_ipv6(const char* s, std::size_t n, unsigned char out[16]);

// Whether an IPv6 address is IPv4-mapped (::ffff:a.b.c.d).
bool is_v4_mapped(const unsigned char address[16]);

// "10.1.2.3".
void write_ipv4(TextWriter& out, const unsigned char address[4]);

// RFC 5952: lowercase, no leading zeros, the longest run of two or more
// zero groups (the first of equals) as "::".
void write_ipv6(TextWriter& out, const unsigned char address[16]);

}  // namespace smc
