// The replacement, TCP for TCP on this host (its kernel may have no SMC):
// the same calls carry an SMC socket's state in the guest checks
// (tools/guest/smcd/excluded_socket_keeps_its_options_flags_and_address.sh).
#include "base/replace_socket.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

namespace smc {
namespace {

ino_t inode_of(int fd) {
  struct stat st {};
  REQUIRE(fstat(fd, &st) == 0);
  return st.st_ino;
}

int get_int(int fd, int level, int name) {
  int value = -1;
  socklen_t length = sizeof value;
  REQUIRE(getsockopt(fd, level, name, &value, &length) == 0);
  return value;
}

void set_int(int fd, int level, int name, int value) {
  REQUIRE(setsockopt(fd, level, name, &value, sizeof value) == 0);
}

std::string get_bytes(int fd, int level, int name) {
  char buf[64] = {};
  socklen_t length = sizeof buf;
  REQUIRE(getsockopt(fd, level, name, buf, &length) == 0);
  return std::string(buf, length);
}

struct Option {
  int level;
  int name;
  const char* text;
};

// Every option the test sets, read back as bytes.
const Option kSet[] = {
    {SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR"},
    {SOL_SOCKET, SO_REUSEPORT, "SO_REUSEPORT"},
    {SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE"},
    {SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF"},
    {SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF"},
    {SOL_SOCKET, SO_LINGER, "SO_LINGER"},
    {SOL_SOCKET, SO_RCVTIMEO, "SO_RCVTIMEO"},
    {SOL_SOCKET, SO_SNDTIMEO, "SO_SNDTIMEO"},
    {SOL_SOCKET, SO_PRIORITY, "SO_PRIORITY"},
    {SOL_SOCKET, SO_OOBINLINE, "SO_OOBINLINE"},
    {IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY"},
    {IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE"},
    {IPPROTO_TCP, TCP_KEEPINTVL, "TCP_KEEPINTVL"},
    {IPPROTO_TCP, TCP_KEEPCNT, "TCP_KEEPCNT"},
    {IPPROTO_TCP, TCP_USER_TIMEOUT, "TCP_USER_TIMEOUT"},
    {IPPROTO_TCP, TCP_CONGESTION, "TCP_CONGESTION"},
    {IPPROTO_TCP, TCP_DEFER_ACCEPT, "TCP_DEFER_ACCEPT"},
    {IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY"},
    {IPPROTO_IPV6, IPV6_TCLASS, "IPV6_TCLASS"},
};

void set_everything(int fd) {
  set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1);
  set_int(fd, SOL_SOCKET, SO_REUSEPORT, 1);
  set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
  set_int(fd, SOL_SOCKET, SO_SNDBUF, 70000);
  set_int(fd, SOL_SOCKET, SO_RCVBUF, 100000);
  const linger l{1, 5};
  REQUIRE(setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l) == 0);
  const timeval rcv{3, 250000}, snd{7, 0};
  REQUIRE(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &rcv, sizeof rcv) == 0);
  REQUIRE(setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &snd, sizeof snd) == 0);
  set_int(fd, SOL_SOCKET, SO_PRIORITY, 5);
  set_int(fd, SOL_SOCKET, SO_OOBINLINE, 1);
  set_int(fd, IPPROTO_TCP, TCP_NODELAY, 1);
  set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, 77);
  set_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, 11);
  set_int(fd, IPPROTO_TCP, TCP_KEEPCNT, 4);
  set_int(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, 1234);
  REQUIRE(setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "reno", 4) == 0);
  set_int(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, 9);
  set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1);
  set_int(fd, IPPROTO_IPV6, IPV6_TCLASS, 0x20);
}

std::vector<std::string> read_everything(int fd) {
  std::vector<std::string> values;
  for (const Option& o : kSet) values.push_back(get_bytes(fd, o.level, o.name));
  return values;
}

sockaddr_in6 local_of(int fd) {
  sockaddr_in6 in6{};
  socklen_t length = sizeof in6;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&in6), &length) == 0);
  return in6;
}

// host_only: sets TCP_CONGESTION, which qemu-user does not pass on for
// other architectures (.bazelrc, config cross).
TEST_CASE("replacement keeps the number and carries options, flags and the bound address" *
          doctest::test_suite("host_only")) {
  const int fd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  set_everything(fd);
  sockaddr_in6 any{};
  any.sin6_family = AF_INET6;
  any.sin6_addr = in6addr_loopback;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&any), sizeof any) == 0);
  const sockaddr_in6 before_address = local_of(fd);
  const std::vector<std::string> before = read_everything(fd);
  const ino_t old_inode = inode_of(fd);

  errno = 12345;
  const Replacement r = replace_with_tcp(fd, &::socket);
  CHECK(errno == 12345);
  CHECK(r.error == 0);
  CHECK(r.replaced);
  CHECK(r.rebound);
  CHECK(r.failed == 0);
  CHECK(r.copied == static_cast<int>(sizeof kSet / sizeof kSet[0]));
  CHECK(inode_of(fd) != old_inode);
  CHECK(get_int(fd, SOL_SOCKET, SO_DOMAIN) == AF_INET6);
  CHECK(get_int(fd, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_TCP);
  const std::vector<std::string> after = read_everything(fd);
  for (std::size_t k = 0; k < after.size(); ++k) {
    CAPTURE(kSet[k].text);
    CHECK(after[k] == before[k]);
  }
  CHECK((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
  CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
  const sockaddr_in6 after_address = local_of(fd);
  CHECK(std::memcmp(&after_address, &before_address, sizeof after_address) == 0);

  // It works as the server it was about to become.
  REQUIRE(listen(fd, 4) == 0);
  const int client = socket(AF_INET6, SOCK_STREAM, 0);
  REQUIRE(client >= 0);
  CHECK(connect(client, reinterpret_cast<const sockaddr*>(&after_address),
                sizeof after_address) == 0);
  close(client);
  close(fd);
}

TEST_CASE("replacement copies nothing a program left at its default") {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  const int reference = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(reference >= 0);
  const Replacement r = replace_with_tcp(fd, &::socket);
  CHECK(r.error == 0);
  CHECK(r.replaced);
  CHECK_FALSE(r.rebound);  // never bound, so not bound now
  CHECK(r.copied == 0);
  // Not SO_SNDBUF's default either: setting it would end TCP's autotuning.
  CHECK(get_int(fd, SOL_SOCKET, SO_SNDBUF) == get_int(reference, SOL_SOCKET, SO_SNDBUF));
  CHECK((fcntl(fd, F_GETFL) & O_NONBLOCK) == 0);
  CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) == 0);
  sockaddr_in in{};
  socklen_t length = sizeof in;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&in), &length) == 0);
  CHECK(in.sin_family == AF_INET);
  CHECK(in.sin_port == 0);
  close(reference);
  close(fd);
}

TEST_CASE("replacement carries a client's bound address and port") {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  set_int(fd, SOL_SOCKET, SO_SNDBUF, 200000);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0);
  socklen_t length = sizeof local;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) == 0);
  const int sndbuf = get_int(fd, SOL_SOCKET, SO_SNDBUF);
  const Replacement r = replace_with_tcp(fd, &::socket);
  CHECK(r.error == 0);
  CHECK(r.rebound);
  CHECK(r.copied == 1);
  CHECK(get_int(fd, SOL_SOCKET, SO_SNDBUF) == sndbuf);  // halved, then doubled
  sockaddr_in now{};
  length = sizeof now;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&now), &length) == 0);
  CHECK(now.sin_addr.s_addr == local.sin_addr.s_addr);
  CHECK(now.sin_port == local.sin_port);
  close(fd);
}

int refuse_sockets(int, int, int) {
  errno = EMFILE;
  return -1;
}

TEST_CASE("a failed replacement leaves the socket as it was") {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  set_int(fd, IPPROTO_TCP, TCP_NODELAY, 1);
  const ino_t inode = inode_of(fd);
  Replacement r = replace_with_tcp(fd, &refuse_sockets);
  CHECK(r.error == EMFILE);
  CHECK(std::string(r.step) == "socket");
  CHECK_FALSE(r.replaced);
  CHECK(inode_of(fd) == inode);
  CHECK(get_int(fd, IPPROTO_TCP, TCP_NODELAY) == 1);
  close(fd);

  // Not a socket, or not a stream socket.
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  r = replace_with_tcp(pipe_fds[0], &::socket);
  CHECK(r.error == ENOTSOCK);
  CHECK_FALSE(r.replaced);
  close(pipe_fds[0]);
  close(pipe_fds[1]);
  const int udp = socket(AF_INET, SOCK_DGRAM, 0);
  r = replace_with_tcp(udp, &::socket);
  CHECK(r.error == EAFNOSUPPORT);
  CHECK(get_int(udp, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM);
  close(udp);
}

TEST_CASE("connected and listening sockets are never replaced") {
  const int server = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(server >= 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(server, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0);
  REQUIRE(listen(server, 1) == 0);
  socklen_t length = sizeof local;
  REQUIRE(getsockname(server, reinterpret_cast<sockaddr*>(&local), &length) == 0);
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(connect(client, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0);
  for (int fd : {server, client}) {
    const ino_t inode = inode_of(fd);
    const Replacement r = replace_with_tcp(fd, &::socket);
    CHECK(r.error == EISCONN);
    CHECK_FALSE(r.replaced);
    CHECK(inode_of(fd) == inode);
  }
  close(client);
  close(server);
}

TEST_CASE("stream_kind tells SMC and TCP sockets from the rest") {
  struct Row {
    int domain, type, protocol;
    StreamKind kind;
  };
  const Row rows[] = {
      {AF_INET, SOCK_STREAM, 0, StreamKind::kTcp},
      {AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_TCP, StreamKind::kTcp},
      {AF_INET, SOCK_DGRAM, 0, StreamKind::kOther},
      {AF_UNIX, SOCK_STREAM, 0, StreamKind::kOther},
  };
  for (const Row& row : rows) {
    const int fd = socket(row.domain, row.type, row.protocol);
    REQUIRE(fd >= 0);
    CHECK(stream_kind(fd) == row.kind);
    close(fd);
  }
  // AF_SMC and IPPROTO_SMC where this kernel has them; the guest checks
  // cover them for certain.
  for (const Row& row : {Row{43, SOCK_STREAM, 0, StreamKind::kSmc},
                         Row{AF_INET, SOCK_STREAM, kIpprotoSmc, StreamKind::kSmc}}) {
    const int fd = socket(row.domain, row.type, row.protocol);
    if (fd < 0) continue;
    CHECK(stream_kind(fd) == row.kind);
    close(fd);
  }
  errno = 777;
  CHECK(stream_kind(-1) == StreamKind::kOther);
  CHECK(errno == 777);
}

}  // namespace
}  // namespace smc
