#include "base/ip_text.h"

namespace smc {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool parse_decimal(const char* s, std::size_t n, std::size_t* i,
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

bool parse_ipv4(const char* s, std::size_t n, unsigned char out[4]) {
  std::size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= n || s[i] != '.') return false;
      ++i;
    }
    const std::size_t start = i;
    unsigned value = 0;
    if (!parse_decimal(s, n, &i, 3, &value) || value > 255) return false;
    if (s[start] == '0' && i - start > 1) return false;
    out[part] = static_cast<unsigned char>(value);
  }
  return i == n;
}

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

void write_ipv4(TextWriter& out, const unsigned char* a) {
  for (int k = 0; k < 4; ++k) {
    if (k > 0) out.ch('.');
    out.num(a[k]);
  }
}

void write_ipv6(TextWriter& out, const unsigned char* a) {
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

}  // namespace smc
