#include "base/smc_socket.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

using namespace smc;

namespace {

// A fake kernel: refuses IPPROTO_SMC with g_inet_error and AF_SMC with
// g_smc_error (0: makes a socket), and records each call.
int g_inet_error = 0;
int g_smc_error = 0;
std::vector<SocketCall> g_calls;

int fake_socket(int domain, int type, int protocol) {
  g_calls.push_back({domain, type, protocol});
  const int error = domain == kAfSmc ? g_smc_error : g_inet_error;
  if (error != 0) {
    errno = error;
    return -1;
  }
  return 1000 + static_cast<int>(g_calls.size());
}

void kernel(int inet_error, int smc_error) {
  g_inet_error = inet_error;
  g_smc_error = smc_error;
  g_calls.clear();
}

}  // namespace

TEST_CASE("smc socket: auto takes IPPROTO_SMC where the kernel has it") {
  RefusalMemory memory;
  kernel(0, 0);
  const SmcAttempt a = make_smc_socket({AF_INET, SOCK_STREAM, 0}, Family::kAuto, SOCK_CLOEXEC,
                                       fake_socket, memory);
  CHECK(a.fd == 1001);
  CHECK(a.used == SmcSocketKind::kInet);
  CHECK(a.tried.count == 0);
  REQUIRE(g_calls.size() == 1);
  CHECK(g_calls[0].domain == AF_INET);
  CHECK(g_calls[0].type == (SOCK_STREAM | SOCK_CLOEXEC));
  CHECK(g_calls[0].protocol == kIpprotoSmc);
}

TEST_CASE("smc socket: a refused kind is tried once per IP version") {
  RefusalMemory memory;
  kernel(EPROTONOSUPPORT, 0);
  SmcAttempt a = make_smc_socket({AF_INET6, SOCK_STREAM, 0}, Family::kAuto, 0, fake_socket,
                                 memory);
  CHECK(a.used == SmcSocketKind::kSmc);
  CHECK(a.tried.count == 1);
  CHECK(a.tried.error[0] == EPROTONOSUPPORT);
  CHECK(g_calls.size() == 2);
  CHECK(g_calls[1].protocol == kSmcProtoSmc6);
  // Remembered: the next IPv6 call goes straight to AF_SMC, and says why.
  g_calls.clear();
  a = make_smc_socket({AF_INET6, SOCK_STREAM, 0}, Family::kAuto, 0, fake_socket, memory);
  CHECK(g_calls.size() == 1);
  CHECK(a.tried.count == 1);
  CHECK(a.tried.error[0] == EPROTONOSUPPORT);
  // IPv4 has not been refused yet.
  g_calls.clear();
  make_smc_socket({AF_INET, SOCK_STREAM, 0}, Family::kAuto, 0, fake_socket, memory);
  CHECK(g_calls.size() == 2);
}

TEST_CASE("smc socket: with both refused, SMC is missing and errno is the last refusal") {
  RefusalMemory memory;
  kernel(EPROTONOSUPPORT, EAFNOSUPPORT);
  const SmcAttempt a =
      make_smc_socket({AF_INET, SOCK_STREAM, 0}, Family::kAuto, 0, fake_socket, memory);
  CHECK(a.fd == -1);
  CHECK(errno == EAFNOSUPPORT);
  CHECK(a.tried.count == 2);
  CHECK(smc_missing(a.tried));
}

TEST_CASE("smc socket: a failure TCP would share ends the attempts and is no missing SMC") {
  RefusalMemory memory;
  kernel(EMFILE, 0);
  const SmcAttempt a =
      make_smc_socket({AF_INET, SOCK_STREAM, 0}, Family::kAuto, 0, fake_socket, memory);
  CHECK(a.fd == -1);
  CHECK(errno == EMFILE);
  CHECK(g_calls.size() == 1);
  CHECK_FALSE(smc_missing(a.tried));
  // Not remembered: the next call asks the kernel again.
  kernel(0, 0);
  CHECK(make_smc_socket({AF_INET, SOCK_STREAM, 0}, Family::kAuto, 0, fake_socket, memory)
            .used == SmcSocketKind::kInet);
}

TEST_CASE("smc socket: -f smc and -f inet try one kind only") {
  RefusalMemory memory;
  kernel(EPROTONOSUPPORT, 0);
  SmcAttempt a = make_smc_socket({AF_INET, SOCK_STREAM, 0}, Family::kInet, 0, fake_socket,
                                 memory);
  CHECK(a.fd == -1);
  CHECK(g_calls.size() == 1);
  kernel(0, 0);
  a = make_smc_socket({AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0}, Family::kSmc, 0, fake_socket,
                      memory);
  CHECK(a.used == SmcSocketKind::kSmc);
  REQUIRE(g_calls.size() == 1);
  CHECK(g_calls[0].domain == kAfSmc);
  CHECK(g_calls[0].type == (SOCK_STREAM | SOCK_NONBLOCK));
}

TEST_CASE("apply buffer sets the size asked for, nothing for 0, and keeps errno") {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  errno = EINTR;
  AppliedBuffer applied = apply_buffer(fd, SO_SNDBUF, "SO_SNDBUF", 65536);
  CHECK(errno == EINTR);
  CHECK(applied.error == 0);
  CHECK(applied.bytes == 65536);
  int value = 0;
  socklen_t length = sizeof value;
  REQUIRE(getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &value, &length) == 0);
  CHECK(value == 2 * 65536);  // the kernel doubles it (socket(7))
  CHECK(apply_buffer(fd, SO_RCVBUF, "SO_RCVBUF", 0).bytes == 0);
  close(fd);
  applied = apply_buffer(fd, SO_RCVBUF, "SO_RCVBUF", 4096);
  CHECK(applied.error == EBADF);
}

TEST_CASE("apply buffers sets SMC_SNDBUF and SMC_RCVBUF, each where asked for") {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  errno = EINTR;
  const AppliedBuffers applied = apply_buffers(fd, 0, 8192);
  CHECK(errno == EINTR);
  CHECK(applied.each[0].bytes == 0);
  CHECK(std::string(applied.each[1].name) == "SO_RCVBUF");
  CHECK(applied.each[1].bytes == 8192);
  CHECK(applied.each[1].error == 0);
  int value = 0;
  socklen_t length = sizeof value;
  REQUIRE(getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, &length) == 0);
  CHECK(value == 2 * 8192);
  close(fd);
}
