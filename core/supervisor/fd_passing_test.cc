#include "core/supervisor/fd_passing.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <initializer_list>

namespace smc {
namespace {

TEST_CASE("a descriptor sent over the channel arrives, close-on-exec, and works") {
  int channel[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, channel) == 0);
  int p[2];
  REQUIRE(pipe(p) == 0);
  CHECK(send_fd(channel[0], p[1]));
  const int got = receive_fd(channel[1]);
  REQUIRE(got >= 0);
  CHECK(got != p[1]);
  CHECK((fcntl(got, F_GETFD) & FD_CLOEXEC) != 0);
  REQUIRE(write(got, "x", 1) == 1);
  char byte = 0;
  CHECK(read(p[0], &byte, 1) == 1);
  CHECK(byte == 'x');
  for (int fd : {got, p[0], p[1], channel[0], channel[1]}) close(fd);
}

TEST_CASE("a channel closed by its peer gives no descriptor and no SIGPIPE") {
  int channel[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, channel) == 0);
  close(channel[1]);
  CHECK(receive_fd(channel[0]) == -1);
  CHECK_FALSE(send_fd(channel[0], 0));  // SIGPIPE would end this test
  CHECK(errno == EPIPE);
  close(channel[0]);
}

TEST_CASE("a byte sent without a descriptor is no descriptor") {
  int channel[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, channel) == 0);
  REQUIRE(write(channel[0], "l", 1) == 1);
  CHECK(receive_fd(channel[1]) == -1);
  close(channel[0]);
  close(channel[1]);
}

}  // namespace
}  // namespace smc
