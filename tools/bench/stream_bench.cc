// Data-path figures for tools/bench, run in the SMC guest: the same program
// as plain TCP, under smc_run, and written against AF_SMC itself.
//
//   stream_bench serve  FAMILY ADDRESS PORTFILE
//   stream_bench stream FAMILY ADDRESS PORT MEGABYTES
//   stream_bench pingpong FAMILY ADDRESS PORT ROUNDS
//
// FAMILY "inet" opens AF_INET/AF_INET6 stream sockets (which smc_run turns
// into SMC sockets), "smc" opens AF_SMC sockets directly. The server writes
// its port to PORTFILE and serves one connection at a time, forever: the
// first byte says 's' (sink everything, then answer "done") or 'p' (echo
// each byte). "stream" prints MB/s; "pingpong" prints the median round
// trip of one byte in microseconds.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "base/smc_abi.h"

namespace {

[[noreturn]] void die(const char* what) {
  std::perror(what);
  std::exit(1);
}

double now_s() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

struct Endpoint {
  sockaddr_storage addr{};
  socklen_t len = 0;
  int inet_family = AF_INET;
};

Endpoint endpoint(const char* address, int port) {
  Endpoint e;
  if (std::strchr(address, ':') != nullptr) {
    auto* a = reinterpret_cast<sockaddr_in6*>(&e.addr);
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(static_cast<uint16_t>(port));
    if (inet_pton(AF_INET6, address, &a->sin6_addr) != 1) die("address");
    e.len = sizeof *a;
    e.inet_family = AF_INET6;
  } else {
    auto* a = reinterpret_cast<sockaddr_in*>(&e.addr);
    a->sin_family = AF_INET;
    a->sin_port = htons(static_cast<uint16_t>(port));
    if (inet_pton(AF_INET, address, &a->sin_addr) != 1) die("address");
    e.len = sizeof *a;
  }
  return e;
}

int open_socket(const std::string& family, const Endpoint& e) {
  const int fd =
      family == "smc"
          ? socket(smc::kAfSmc, SOCK_STREAM,
                   e.inet_family == AF_INET6 ? smc::kSmcProtoSmc6 : smc::kSmcProtoSmc)
          : socket(e.inet_family, SOCK_STREAM, 0);
  if (fd < 0) die("socket");
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

void write_all(int fd, const char* data, size_t n) {
  while (n > 0) {
    const ssize_t w = write(fd, data, n);
    if (w <= 0) die("write");
    data += w;
    n -= static_cast<size_t>(w);
  }
}

void serve(const std::string& family, const char* address,
           const char* port_file) {
  const Endpoint e = endpoint(address, 0);
  const int listener = open_socket(family, e);
  const int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(listener, reinterpret_cast<const sockaddr*>(&e.addr), e.len) != 0)
    die("bind");
  if (listen(listener, 8) != 0) die("listen");
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(listener, reinterpret_cast<sockaddr*>(&bound), &len);
  const int port = ntohs(e.inet_family == AF_INET6
                             ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                             : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  FILE* f = std::fopen(port_file, "w");
  if (f == nullptr) die("port file");
  std::fprintf(f, "%d\n", port);
  std::fclose(f);
  std::vector<char> buf(1 << 20);
  while (true) {
    const int c = accept(listener, nullptr, nullptr);
    if (c < 0) die("accept");
    char mode = 0;
    if (read(c, &mode, 1) == 1 && mode == 's') {
      while (read(c, buf.data(), buf.size()) > 0) {
      }
    } else if (mode == 'p') {
      char b = 0;
      while (read(c, &b, 1) == 1) write_all(c, &b, 1);
    }
    close(c);
  }
}

int dial(const std::string& family, const char* address, int port) {
  const Endpoint e = endpoint(address, port);
  const int fd = open_socket(family, e);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&e.addr), e.len) != 0)
    die("connect");
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr,
                 "usage: stream_bench serve|stream|pingpong FAMILY ADDRESS "
                 "PORTFILE|PORT [MEGABYTES|ROUNDS]\n");
    return 2;
  }
  const std::string what = argv[1];
  const std::string family = argv[2];
  if (what == "serve") serve(family, argv[3], argv[4]);
  if (argc != 6) return 2;
  const int fd = dial(family, argv[3], std::atoi(argv[4]));
  const long amount = std::atol(argv[5]);
  if (what == "stream") {
    std::vector<char> chunk(256 * 1024, 'x');
    write_all(fd, "s", 1);
    const double start = now_s();
    for (long sent = 0; sent < amount * 1024 * 1024;
         sent += static_cast<long>(chunk.size())) {
      write_all(fd, chunk.data(), chunk.size());
    }
    shutdown(fd, SHUT_WR);
    char b;
    while (read(fd, &b, 1) > 0) {
    }
    std::printf("%.1f\n", amount / (now_s() - start));
  } else if (what == "pingpong") {
    write_all(fd, "p", 1);
    std::vector<double> rtt;
    for (long i = 0; i < amount; ++i) {
      const double start = now_s();
      char b = 'x';
      write_all(fd, &b, 1);
      if (read(fd, &b, 1) != 1) die("read");
      rtt.push_back((now_s() - start) * 1e6);
    }
    std::sort(rtt.begin(), rtt.end());
    std::printf("%.1f\n", rtt[rtt.size() / 2]);
  } else {
    return 2;
  }
  close(fd);
  return 0;
}
