#include "base/log_line.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

using smc::LogLine;

namespace {

// What emit() wrote to fd 2, read through a pipe put there meanwhile.
template <typename Fn>
std::string emitted(Fn write_line) {
  int p[2];
  REQUIRE(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
  const int saved = dup(STDERR_FILENO);
  dup2(p[1], STDERR_FILENO);
  write_line();
  dup2(saved, STDERR_FILENO);
  close(saved);
  close(p[1]);
  char buf[1024];
  const ssize_t n = read(p[0], buf, sizeof buf);
  close(p[0]);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
}

}  // namespace

TEST_CASE("log line speaks for another process with its name and pid") {
  LogLine line("server", 4242);
  line.str("seccomp: ").num(7);
  CHECK(std::string(line.text()) == "server[4242]: smc: seccomp: 7");
}

TEST_CASE("log line names a process without a name as ?") {
  CHECK(std::string(LogLine("", 9).text()) == "?[9]: smc: ");
  CHECK(std::string(LogLine(nullptr, 9).text()) == "?[9]: smc: ");
}

TEST_CASE("log line of this process starts with its own pid") {
  LogLine line;
  CHECK(std::string(line.text()).find("[" + std::to_string(getpid()) + "]: smc: ") !=
        std::string::npos);
}

TEST_CASE("log line names socket arguments and errors, numbers for the unknown") {
  LogLine line("p", 1);
  line.domain(AF_INET6).str(" ").type(SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC).str(" ");
  line.protocol(IPPROTO_TCP).str(" ").error(EAFNOSUPPORT).str(" ").error(4095);
  line.str(" ").domain(77);
  CHECK(std::string(line.text()) ==
        "p[1]: smc: AF_INET6 SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC IPPROTO_TCP "
        "EAFNOSUPPORT errno 4095 77");
}

TEST_CASE("log line emits one newline-ended line and keeps errno") {
  const std::string out = emitted([] {
    errno = ENOBUFS;
    LogLine("curl", 12).str("hello").emit();
    CHECK(errno == ENOBUFS);
  });
  CHECK(out == "curl[12]: smc: hello\n");
}

TEST_CASE("a disabled log line writes nothing") {
  const std::string out = emitted([] { LogLine(false).str("hidden").emit(); });
  CHECK(out.empty());
}

TEST_CASE("log line cuts an overlong line instead of overrunning") {
  const std::string out = emitted([] {
    LogLine line("p", 1);
    for (int i = 0; i < 100; ++i) line.str("0123456789");
    line.emit();
  });
  REQUIRE(!out.empty());
  CHECK(out.size() <= 512);
  CHECK(out.back() == '\n');
}
