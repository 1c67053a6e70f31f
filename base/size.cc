#include "base/size.h"

namespace smc {

SizeResult parse_size(const char* text, std::size_t length) {
  if (length == 0) return {0, SizeError::kEmpty};
  if (text[0] < '0' || text[0] > '9') return {0, SizeError::kNotDecimal};

  // Accumulate in a wide type and stop as soon as the bound is passed, so no
  // number of digits can overflow.
  unsigned long long value = 0;
  std::size_t i = 0;
  bool too_large = false;
  for (; i < length && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (!too_large) {
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
      too_large = value > static_cast<unsigned long long>(kMaxBufferSize);
    }
  }

  unsigned long long multiplier = 1;
  if (i < length) {
    if (i + 1 != length) return {0, SizeError::kBadSuffix};
    switch (text[i]) {
      case 'k':
      case 'K':
        multiplier = 1024;
        break;
      case 'm':
      case 'M':
        multiplier = 1024 * 1024;
        break;
      default:
        return {0, SizeError::kBadSuffix};
    }
  }

  if (value == 0 && !too_large) return {0, SizeError::kZero};
  if (too_large ||
      value > static_cast<unsigned long long>(kMaxBufferSize) / multiplier) {
    return {0, SizeError::kTooLarge};
  }
  return {static_cast<int>(value * multiplier), SizeError::kNone};
}

SizeResult parse_size(const char* text) {
  std::size_t length = 0;
  while (text[length] != '\0') ++length;
  return parse_size(text, length);
}

const char* describe(SizeError error) {
  switch (error) {
    case SizeError::kNone:
      return "valid";
    case SizeError::kEmpty:
      return "empty size";
    case SizeError::kNotDecimal:
      return "not a decimal number of bytes";
    case SizeError::kBadSuffix:
      return "unknown suffix (use k or m)";
    case SizeError::kZero:
      return "size must be greater than zero";
    case SizeError::kTooLarge:
      return "too large (the kernel caps socket buffers at 1073741823 bytes)";
  }
  return "invalid size";
}

}  // namespace smc
