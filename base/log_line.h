// One diagnostic line on stderr, built in a fixed buffer (base/text_writer.h)
// and written with a single write(2): no allocation, no stdio, no locks, so
// it is safe in signal handlers and after fork(). Lines look like
//   curl[1234]: smc: socket(AF_INET, SOCK_STREAM, 0) = 5 -> AF_SMC
// Overlong lines are cut, never overrun. errno is preserved. A disabled line
// (debug off) costs nothing: no getpid(), no formatting, no write.
//
// The preload library writes its lines about its own process; the seccomp
// supervisor (core/supervisor) writes lines about the programs it serves,
// with their name and pid, so that both mechanisms' lines look alike.
//
// Lines go to this process's own copy of stderr, taken at load
// (open_diagnostics), never to whatever the program later puts on fd 2 (a
// daemon may close it and get a socket or a log file on that number), and
// only while that copy (or fd 2) still is the file it was. A process that
// never calls open_diagnostics() (the supervisor) writes to fd 2.
#pragma once

#include <cstddef>

#include "base/text_writer.h"

namespace smc {

// Takes the library's copy of stderr; called once at load when SMC_DEBUG
// is on. Before that, lines go to fd 2 as it is.
void open_diagnostics();

class LogLine {
 public:
  // Starts with "<program>[<pid>]: smc: ", this process's.
  explicit LogLine(bool enabled = true);
  // The same for another process (`program` empty or null: "?"): the
  // seccomp supervisor speaks for the programs it serves.
  LogLine(const char* program, long pid);
  LogLine(const LogLine&) = delete;
  LogLine& operator=(const LogLine&) = delete;

  LogLine& str(const char* text);
  LogLine& str(const char* text, std::size_t length);  // need not be NUL-ended
  LogLine& num(long value);
  LogLine& hex(unsigned long value);
  LogLine& domain(int domain);      // AF_INET, AF_SMC, or the number
  LogLine& type(int type);          // SOCK_STREAM|SOCK_CLOEXEC...
  LogLine& protocol(int protocol);  // 0, IPPROTO_TCP, ...
  LogLine& error(int error);        // EAFNOSUPPORT, or the number

  void emit();  // appends a newline and writes the line to fd 2
  bool enabled() const { return enabled_; }
  // The line so far, without its newline (for tests).
  const char* text() const { return text_.data(); }

 private:
  bool enabled_;
  char buf_[512];
  // emit() puts the newline where the writer keeps its NUL.
  TextWriter text_{buf_, sizeof buf_};
};

}  // namespace smc
