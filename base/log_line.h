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
// Lines go to fd 2 only while it still is the file it was at load
// (open_diagnostics notes which), never to whatever the program later puts
// on that number (a daemon may close it and get a socket or a log file
// there); then they are dropped. No copy of stderr is kept: it would hold
// the caller's pipe open after the program detached. Text is written
// printable (control characters as \xHH), so every line stays one line,
// and a write to a pipe nobody reads never raises SIGPIPE.
#pragma once

#include <cstddef>

#include "base/text_writer.h"

namespace smc {

// Notes what fd 2 is; called once at load when SMC_DEBUG or SMC_SUMMARY is
// on. Before that, lines go to fd 2 as it is.
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

  // Writes the "<program>[<pid>]: smc: " prefix.
  void begin(const char* program, long pid);
};

}  // namespace smc
