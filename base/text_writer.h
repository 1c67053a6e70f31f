// Text built in a caller's fixed buffer: no allocation, no stdio (snprintf
// is not async-signal-safe), never past the end. The library's log lines
// (base/log_line.h), its exit summary (base/summary.h) and the connection
// filter's endpoints are written with it.
//
// The buffer always holds a NUL-terminated string. What does not fit is
// dropped whole (a number, an escape sequence, a UTF-8 character), and so
// is everything after it, so cut text is still well-formed; cut() tells
// that something was dropped. Plain text (str) fills the room it has.
#pragma once

#include <cstddef>

namespace smc {

class TextWriter {
 public:
  // `capacity` > 0 bytes at `buffer`, the NUL included.
  TextWriter(char* buffer, std::size_t capacity);
  TextWriter(const TextWriter&) = delete;
  TextWriter& operator=(const TextWriter&) = delete;

  TextWriter& str(const char* text);                      // NUL-ended
  TextWriter& str(const char* text, std::size_t length);  // `length` bytes
  TextWriter& ch(char c);
  TextWriter& num(long value);
  TextWriter& hex(unsigned long value);  // lower case, no "0x"
  // Text for a line that must stay one line whatever it holds (a log line,
  // a program's name): control characters and bytes that are not UTF-8
  // become \xHH; well-formed UTF-8 is kept.
  TextWriter& printable(const char* text, std::size_t length);
  TextWriter& printable(const char* text);
  // The inside of a JSON string (no quotes): escaped so that any bytes
  // make valid JSON (base/json_escape.h).
  TextWriter& json(const char* text, std::size_t length);
  TextWriter& json(const char* text);

  const char* data() const { return buffer_; }
  std::size_t size() const { return size_; }
  // Room left for text, the NUL not counted.
  std::size_t room() const { return capacity_ - 1 - size_; }
  bool cut() const { return cut_; }

 private:
  // Appends all of text[0..length), or nothing when it does not fit.
  TextWriter& whole(const char* text, std::size_t length);

  char* buffer_;
  std::size_t capacity_;
  std::size_t size_ = 0;
  bool cut_ = false;
};

}  // namespace smc
