#include "core/supervisor/notification_loop.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/supervisor/served_child_fixture.h"

namespace smc {
namespace {

using testing::no_smc;
using testing::no_smc_diag;
using testing::serve_child;
using testing::tcp_as_smcd_diag;

// A kernel with IPPROTO_SMC, simulated: such "SMC" sockets are TCP ones.
int smc_as_tcp(int domain, int type, int protocol) {
  if (protocol == kIpprotoSmc) return ::socket(domain, type, 0);
  errno = EAFNOSUPPORT;
  return -1;
}

// A server and a client of it in one process over loopback, then one more
// socket() call, before which the supervisor looks; reports the pid.
void connect_to_itself(std::string& out) {
  sockaddr_in loopback{};
  loopback.sin_family = AF_INET;
  loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof loopback;
  const int server = socket(AF_INET, SOCK_STREAM, 0);
  bind(server, reinterpret_cast<sockaddr*>(&loopback), sizeof loopback);
  listen(server, 4);
  getsockname(server, reinterpret_cast<sockaddr*>(&loopback), &length);
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  const bool connected =
      connect(client, reinterpret_cast<sockaddr*>(&loopback), sizeof loopback) == 0;
  const int accepted = accept(server, nullptr, nullptr);
  const int more = socket(AF_INET6, SOCK_STREAM, 0);
  out += connected && accepted >= 0 && more >= 0 ? std::to_string(getpid()) : "failed";
  for (const int fd : {server, client, accepted, more}) close(fd);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  return all.str();
}

// A file for one test, removed after it.
struct TempFile {
  TempFile() {
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
  }
  ~TempFile() { unlink(path); }
  char path[40] = "/tmp/smc_loop_test.XXXXXX";
};

// What the supervisor (this process, while serving) writes on stderr.
template <typename Fn>
std::string stderr_of(Fn run) {
  TempFile file;
  const int saved = dup(STDERR_FILENO);
  const int to = open(file.path, O_WRONLY | O_CLOEXEC);
  dup2(to, STDERR_FILENO);
  close(to);
  run();
  dup2(saved, STDERR_FILENO);
  close(saved);
  return read_text(file.path);
}

TEST_CASE("the supervisor writes a summary line per process with the connections it saw") {
  TempFile summary;
  const std::string variable = std::string("SMC_SUMMARY_FILE=") + summary.path;
  const char* env[] = {variable.c_str(), nullptr};
  const std::string pid =
      serve_child(env, false, {smc_as_tcp, tcp_as_smcd_diag}, connect_to_itself);
  CHECK(read_text(summary.path) ==
        "{\"pid\":" + pid +
            ",\"program\":\"notification_loop_test\",\"sockets\":3,\"converted\":{\"IPPROTO_SMC\":3,"
            "\"AF_SMC\":0},\"connections\":2,\"smcd\":2,\"smcr\":0,\"tcp\":0,\"unknown\":0,"
            "\"fallback\":{}}\n");
}

TEST_CASE("without SMC the summary counts TCP sockets, none converted, and no connection") {
  TempFile summary;
  const std::string variable = std::string("SMC_SUMMARY_FILE=") + summary.path;
  const char* env[] = {variable.c_str(), nullptr};
  const std::string pid = serve_child(env, false, {no_smc, no_smc_diag}, connect_to_itself);
  CHECK(read_text(summary.path) ==
        "{\"pid\":" + pid +
            ",\"program\":\"notification_loop_test\",\"sockets\":3,\"converted\":{\"IPPROTO_SMC\":0,"
            "\"AF_SMC\":0},\"connections\":0,\"smcd\":0,\"smcr\":0,\"tcp\":0,\"unknown\":0,"
            "\"fallback\":{}}\n");
}

TEST_CASE("under -d and --summary the supervisor says each connection and the summary") {
  const char* env[] = {"SMC_DEBUG=1", "SMC_SUMMARY=1", nullptr};
  std::string pid;
  const std::string err = stderr_of([&] {
    pid = serve_child(env, false, {smc_as_tcp, tcp_as_smcd_diag}, connect_to_itself);
  });
  const std::string who = "notification_loop_test[" + pid + "]: smc: ";
  CHECK(err.find(who + "seccomp: socket(AF_INET, SOCK_STREAM, 0) = ") != std::string::npos);
  CHECK(err.find(who + "seccomp: connection on fd ") != std::string::npos);
  CHECK(err.find(": SMC-D\n") != std::string::npos);
  CHECK(err.find(who + "summary: sockets 3, converted 3 (IPPROTO_SMC 3, AF_SMC 0); "
                       "connections 2: SMC-D 2, SMC-R 0, TCP fallback 0, TCP 0\n") !=
        std::string::npos);
}

TEST_CASE("without SMC_DIAG -d says once that outcomes are not seen, and nothing is counted") {
  const char* env[] = {"SMC_DEBUG=1", "SMC_SUMMARY=1", nullptr};
  std::string pid;
  const std::string err = stderr_of([&] {
    pid = serve_child(env, false, {smc_as_tcp, no_smc_diag}, connect_to_itself);
  });
  const std::string unseen = "this kernel has no SMC_DIAG; what connections become is not seen";
  const std::size_t first = err.find(unseen);
  CHECK(first != std::string::npos);
  CHECK(err.find(unseen, first + 1) == std::string::npos);
  CHECK(err.find("connections 0: SMC-D 0") != std::string::npos);
}

TEST_CASE("without -d or a summary the supervisor writes nothing") {
  const char* env[] = {nullptr};
  const std::string err = stderr_of([&] {
    serve_child(env, false, {smc_as_tcp, tcp_as_smcd_diag}, connect_to_itself);
  });
  CHECK(err.empty());
}

}  // namespace
}  // namespace smc
