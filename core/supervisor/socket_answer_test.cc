#include "core/supervisor/socket_answer.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <thread>

#include "core/supervisor/notification_loop.h"
#include "core/supervisor/seccomp.h"
#include "core/supervisor/seccomp_filter.h"
#include "core/supervisor/served_child_fixture.h"

namespace smc {
namespace {

using testing::no_smc_diag;
using testing::serve_child;

// A kernel with IPPROTO_SMC, simulated: such "SMC" sockets are TCP ones,
// so that the hand-over path runs on a host without SMC.
int smc_as_tcp(int domain, int type, int protocol) {
  if (protocol == kIpprotoSmc) return ::socket(domain, type, 0);
  errno = EAFNOSUPPORT;
  return -1;
}

// A kernel without SMC; TCP as usual (under strict the supervisor asks
// TCP whether the call is invalid whatever the protocol).
int no_smc(int domain, int type, int protocol) {
  if (domain == kAfSmc || protocol == kIpprotoSmc) {
    errno = domain == kAfSmc ? EAFNOSUPPORT : EPROTONOSUPPORT;
    return -1;
  }
  return ::socket(domain, type, protocol);
}

int int_option(int fd, int level, int name) {
  int value = -1;
  socklen_t length = sizeof value;
  getsockopt(fd, level, name, &value, &length);
  return value;
}

// "tcp4 fd nonblock cloexec sndbuf" per TCP socket, "udp ok", "errno N".
void make_some_sockets(std::string& out) {
  const int types[] = {SOCK_STREAM, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC};
  for (int type : types) {
    const int fd = socket(AF_INET6, type, 0);
    if (fd < 0) {
      out += "errno " + std::to_string(errno) + "\n";
      continue;
    }
    out += "tcp fd=" + std::to_string(fd > 2) +
           " nonblock=" + std::to_string((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0) +
           " cloexec=" + std::to_string((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0) +
           " domain=" + std::to_string(int_option(fd, SOL_SOCKET, SO_DOMAIN)) +
           " sndbuf=" + std::to_string(int_option(fd, SOL_SOCKET, SO_SNDBUF)) + "\n";
    close(fd);
  }
  const int udp = socket(AF_INET, SOCK_DGRAM, 0);
  out += "udp sndbuf=" + std::to_string(int_option(udp, SOL_SOCKET, SO_SNDBUF)) + "\n";
  close(udp);
}

TEST_CASE("the supervisor hands over its socket with the caller's flags and sizes") {
  const char* env[] = {"SMC_SNDBUF=65536", "SMC_DEBUG=1", nullptr};
  const std::string out = serve_child(env, false, {smc_as_tcp, no_smc_diag}, make_some_sockets);
  // The kernel doubles SO_SNDBUF; UDP keeps its default (wmem_default).
  CHECK(out.find("tcp fd=1 nonblock=0 cloexec=0 domain=10 sndbuf=131072\n") == 0);
  CHECK(out.find("tcp fd=1 nonblock=1 cloexec=1 domain=10 sndbuf=131072\n") !=
        std::string::npos);
  CHECK(out.find("udp sndbuf=131072") == std::string::npos);
}

TEST_CASE("without SMC the caller's own call runs and makes its TCP socket") {
  const char* env[] = {"SMC_SNDBUF=65536", nullptr};
  const std::string out = serve_child(env, false, {no_smc, no_smc_diag}, make_some_sockets);
  // Its own call: no size applied, TCP's default instead.
  CHECK(out.find("tcp fd=1 nonblock=0 cloexec=0 domain=10 sndbuf=") == 0);
  CHECK(out.find("sndbuf=131072") == std::string::npos);
  CHECK(out.find("tcp fd=1 nonblock=1 cloexec=1") != std::string::npos);
}

TEST_CASE("strict fails the call with the library's errno where SMC is missing") {
  const char* env_auto[] = {"SMC_STRICT=1", nullptr};
  CHECK(serve_child(env_auto, false, {no_smc, no_smc_diag}, make_some_sockets)
            .find("errno " + std::to_string(EAFNOSUPPORT) + "\nerrno ") == 0);
  const char* env_inet[] = {"SMC_STRICT=1", "SMC_SOCK_FAMILY=inet", nullptr};
  CHECK(serve_child(env_inet, false, {no_smc, no_smc_diag}, make_some_sockets)
            .find("errno " + std::to_string(EPROTONOSUPPORT) + "\n") == 0);
}

// Uses up every descriptor the limit allows, then asks for a TCP socket.
void socket_at_descriptor_limit(std::string& out) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = 32;
  setrlimit(RLIMIT_NOFILE, &limit);
  while (dup(0) >= 0) {
  }
  errno = 0;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  out += fd < 0 ? "errno " + std::to_string(errno) : "made";
}

TEST_CASE("a caller out of descriptors gets EMFILE, from its own call") {
  const char* env[] = {"SMC_DEBUG=1", nullptr};
  CHECK(serve_child(env, false, {smc_as_tcp, no_smc_diag}, socket_at_descriptor_limit) ==
        "errno " + std::to_string(EMFILE));
  CHECK(serve_child(env, false, {no_smc, no_smc_diag}, socket_at_descriptor_limit) ==
        "errno " + std::to_string(EMFILE));
}

void many_threads(std::string& out) {
  constexpr int kThreads = 64;
  int results[kThreads];
  std::thread threads[kThreads];
  for (int i = 0; i < kThreads; ++i) {
    threads[i] = std::thread([&results, i] {
      results[i] = socket(AF_INET, SOCK_STREAM, 0);
      if (results[i] < 0) results[i] = -errno;
    });
  }
  int made = 0;
  for (int i = 0; i < kThreads; ++i) {
    threads[i].join();
    made += results[i] >= 0 ? 1 : 0;
  }
  out += std::to_string(made);
}

TEST_CASE("64 threads making sockets at once are each answered") {
  const char* env[] = {nullptr};
  CHECK(serve_child(env, false, {smc_as_tcp, no_smc_diag}, many_threads) == "64");
  CHECK(serve_child(env, false, {no_smc, no_smc_diag}, many_threads) == "64");
}

// socket() through the x32 ABI (x86_64's __X32_SYSCALL_BIT): errno, or 0
// when it made a socket.
void x32_socket(std::string& out) {
  errno = 0;
  const long fd = syscall(SYS_socket | 0x40000000, AF_INET, SOCK_STREAM, 0);
  out += std::to_string(fd >= 0 ? 0 : errno);
}

TEST_CASE("an x32 socket() gets what the kernel gives it, x32 on or off") {
#if defined(__x86_64__)
  std::string without;
  x32_socket(without);  // here, unfiltered: ENOSYS where x32 is off
  const char* env[] = {"SMC_DEBUG=1", nullptr};
  CHECK(serve_child(env, false, {smc_as_tcp, no_smc_diag}, x32_socket) == without);
  CHECK(serve_child(env, false, {no_smc, no_smc_diag}, x32_socket) == without);
#endif
}

}  // namespace
}  // namespace smc
