#include "base/text_writer.h"

#include "base/json_escape.h"

namespace smc {

TextWriter::TextWriter(char* buffer, std::size_t capacity)
    : buffer_(buffer), capacity_(capacity) {
  buffer_[0] = '\0';
}

TextWriter& TextWriter::whole(const char* text, std::size_t length) {
  // After a cut nothing more: text after a gap would read as if whole.
  if (cut_ || length > room()) {
    cut_ = true;
    return *this;
  }
  for (std::size_t i = 0; i < length; ++i) buffer_[size_++] = text[i];
  buffer_[size_] = '\0';
  return *this;
}

TextWriter& TextWriter::str(const char* text) {
  std::size_t length = 0;
  while (text[length] != '\0') ++length;
  return str(text, length);
}

TextWriter& TextWriter::str(const char* text, std::size_t length) {
  // Byte by byte, so that a long text fills the room it has.
  for (std::size_t i = 0; i < length && !cut_; ++i) whole(text + i, 1);
  return *this;
}

TextWriter& TextWriter::ch(char c) { return whole(&c, 1); }

TextWriter& TextWriter::num(long value) {
  char digits[24];
  std::size_t n = sizeof digits;
  unsigned long magnitude =
      value < 0 ? 0UL - static_cast<unsigned long>(value) : static_cast<unsigned long>(value);
  do {
    digits[--n] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (value < 0) digits[--n] = '-';
  return whole(digits + n, sizeof digits - n);
}

TextWriter& TextWriter::hex(unsigned long value) {
  char digits[16];
  std::size_t n = sizeof digits;
  do {
    digits[--n] = "0123456789abcdef"[value % 16];
    value /= 16;
  } while (value != 0);
  return whole(digits + n, sizeof digits - n);
}

TextWriter& TextWriter::json(const char* text, std::size_t length) {
  std::size_t at = 0;
  while (at < length && !cut_) {
    char escaped[kMaxJsonEscape];
    std::size_t written = 0;
    at += escape_json_char(text + at, length - at, escaped, &written);
    whole(escaped, written);
  }
  return *this;
}

TextWriter& TextWriter::json(const char* text) {
  std::size_t length = 0;
  while (text[length] != '\0') ++length;
  return json(text, length);
}

}  // namespace smc
