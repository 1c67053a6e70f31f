#include "core/supervisor/outcome_watch.h"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace smc {
namespace {

SmcSocket smc(std::uint64_t inode, std::uint8_t state, std::uint8_t mode = kSmcDiagModeSmcD) {
  SmcSocket s;
  s.inode = inode;
  s.state = state;
  s.mode = mode;
  return s;
}

std::vector<int> fds_of(const std::vector<SeenConnection>& seen) {
  std::vector<int> fds;
  for (const SeenConnection& c : seen) fds.push_back(c.fd);
  return fds;
}

TEST_CASE("new connections are the process's settled SMC sockets not counted yet") {
  const std::vector<SmcSocket> dump = {
      smc(10, kSmcListen),                        // listening: its mode means nothing
      smc(11, kSmcActive),                        // a connection
      smc(12, kSmcInit),                          // made, not connected yet
      smc(13, kSmcPeerCloseWait1, kSmcDiagModeFallbackTcp),  // closing, still shown
      smc(14, kSmcActive),                        // another process's
      smc(15, kSmcActive),                        // counted already
  };
  const std::vector<SocketDescriptor> descriptors = {
      {3, 10}, {4, 11}, {5, 12}, {6, 13}, {7, 15}, {8, 99},  // 99: a UNIX socket, say
  };
  const std::vector<SeenConnection> seen = new_connections(dump, descriptors, {15});
  CHECK(fds_of(seen) == std::vector<int>{4, 6});
  CHECK(seen[1].socket->mode == kSmcDiagModeFallbackTcp);
}

TEST_CASE("a connection on two descriptors of one process is one connection") {
  const std::vector<SmcSocket> dump = {smc(11, kSmcActive)};
  CHECK(fds_of(new_connections(dump, {{4, 11}, {9, 11}}, {})) == std::vector<int>{4});
}

TEST_CASE("nothing is new without a dump or without descriptors") {
  CHECK(new_connections({}, {{4, 11}}, {}).empty());
  CHECK(new_connections({smc(11, kSmcActive)}, {}, {}).empty());
}

TEST_CASE("socket descriptors of a process are read with their inodes") {
  int pair[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
  struct stat st {};
  REQUIRE(fstat(pair[1], &st) == 0);
  const std::vector<SocketDescriptor> found = socket_descriptors(getpid());
  CHECK(std::any_of(found.begin(), found.end(), [&](const SocketDescriptor& d) {
    return d.fd == pair[1] && d.inode == st.st_ino;
  }));
  // stdin and the like are no sockets.
  CHECK(std::none_of(found.begin(), found.end(),
                     [](const SocketDescriptor& d) { return d.inode == 0; }));
  close(pair[0]);
  close(pair[1]);
  CHECK(socket_descriptors(0x3fffffff).empty());
}

}  // namespace
}  // namespace smc
