// Parser for the SIZE argument of -r/-t and the SMC_SNDBUF/SMC_RCVBUF
// variables: decimal bytes, optionally with k/K (x1024) or m/M (x1048576).
//
// Freestanding on purpose: the preload library links it too, and code that
// runs inside other people's programs may not allocate, throw or use the C++
// runtime. Hence raw pointers and an error enum instead of strings.
#pragma once

#include <climits>
#include <cstddef>

namespace smc {

// setsockopt(SO_SNDBUF/SO_RCVBUF) takes an int, and the kernel clamps it to
// INT_MAX / 2 so that the doubled value still fits an int (net/core/sock.c,
// __sock_set_sndbuf/__sock_set_rcvbuf). Larger sizes would not be honoured.
inline constexpr int kMaxBufferSize = INT_MAX / 2;

enum class SizeError {
  kNone,
  kEmpty,
  kNotDecimal,  // does not start with a digit: signs, spaces, words
  kBadSuffix,   // digits followed by anything but one k/K/m/M
  kZero,
  kTooLarge,  // above kMaxBufferSize, or would overflow
};

struct SizeResult {
  int bytes;  // valid only when error == kNone
  SizeError error;
};

// `text` need not be NUL-terminated; exactly `length` bytes are read.
SizeResult parse_size(const char* text, std::size_t length);

// NUL-terminated convenience for argv and environment values.
SizeResult parse_size(const char* text);

// A short static phrase for messages, e.g. "unknown suffix (use k or m)".
const char* describe(SizeError error);

}  // namespace smc
