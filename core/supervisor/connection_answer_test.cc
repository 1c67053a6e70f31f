#include "core/supervisor/connection_answer.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <thread>

#include "base/smc_abi.h"
#include "core/supervisor/served_child_fixture.h"

namespace smc {
namespace {

using testing::no_smc;
using testing::no_smc_diag;
using testing::serve_child;

std::string result(int rc) { return rc == 0 ? "ok " : "errno " + std::to_string(errno) + " "; }

// connect() and listen() calls of every kind, each result noted: TCP over
// loopback with data, UNIX, bad pointers and descriptors, a pipe.
void connection_calls(std::string& out) {
  sockaddr_in loopback{};
  loopback.sin_family = AF_INET;
  loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof loopback;
  const int server = socket(AF_INET, SOCK_STREAM, 0);
  out += result(bind(server, reinterpret_cast<sockaddr*>(&loopback), sizeof loopback));
  out += result(listen(server, 4));
  getsockname(server, reinterpret_cast<sockaddr*>(&loopback), &length);
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  out += result(connect(client, reinterpret_cast<sockaddr*>(&loopback), sizeof loopback));
  const int peer = accept(server, nullptr, nullptr);
  char byte = 0;
  out += write(client, "x", 1) == 1 && read(peer, &byte, 1) == 1 && byte == 'x' ? "data " : "no-data ";

  sockaddr_un name{};
  name.sun_family = AF_UNIX;
  std::strcpy(name.sun_path + 1, "smc_run connection_answer_test");  // abstract
  const int unix_server = socket(AF_UNIX, SOCK_STREAM, 0);
  out += result(bind(unix_server, reinterpret_cast<sockaddr*>(&name), sizeof name));
  out += result(listen(unix_server, 1));
  const int unix_client = socket(AF_UNIX, SOCK_STREAM, 0);
  out += result(connect(unix_client, reinterpret_cast<sockaddr*>(&name), sizeof name));

  const int tcp = socket(AF_INET, SOCK_STREAM, 0);
  out += result(connect(tcp, reinterpret_cast<sockaddr*>(8), sizeof loopback));  // EFAULT
  sockaddr unspec{};
  unspec.sa_family = AF_UNSPEC;
  out += result(connect(tcp, &unspec, sizeof unspec));
  out += result(connect(999, reinterpret_cast<sockaddr*>(&loopback), sizeof loopback));
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) out += "no-pipe ";
  out += result(connect(pipe_fds[0], reinterpret_cast<sockaddr*>(&loopback), sizeof loopback));
  out += result(listen(pipe_fds[0], 1));
  const int udp = socket(AF_INET, SOCK_DGRAM, 0);
  out += result(listen(udp, 1));
  out += result(connect(udp, reinterpret_cast<sockaddr*>(&loopback), sizeof loopback));
  for (int fd : {server, client, peer, unix_server, unix_client, tcp, pipe_fds[0], pipe_fds[1], udp}) {
    close(fd);
  }
}

// The same calls from a thread other than the main one, as Go makes them.
void connection_calls_from_a_thread(std::string& out) {
  std::thread t([&out] { connection_calls(out); });
  t.join();
}

TEST_CASE("with a filter, every connect and listen gets what the kernel gives it") {
  std::string without;
  connection_calls(without);  // here, unfiltered
  CHECK(without.find("data ") != std::string::npos);
  for (const char* exclude : {"SMC_EXCLUDE=127.0.0.0/8", "SMC_INCLUDE=10.0.0.0/8"}) {
    CAPTURE(std::string(exclude));
    const char* env[] = {exclude, "SMC_DEBUG=1", nullptr};
    CHECK(serve_child(env, true, {no_smc, no_smc_diag}, connection_calls) == without);
    CHECK(serve_child(env, true, {no_smc, no_smc_diag}, connection_calls_from_a_thread) == without);
  }
}

}  // namespace
}  // namespace smc
