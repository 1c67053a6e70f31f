// Times socket() + close() for one kind of socket, for the hook-cost
// figures of tools/bench: run it with and without the preload library and
// compare.
//
//   socket_bench KIND ROUNDS CALLS
//     KIND: udp unix tcp tcp6 smc smc6 ipproto_smc refused connect, and
//     where the ABI has socketcall(2) (s390x, 32-bit x86) tcp_socketcall
//     smc_socketcall
//   socket_bench KIND 0 0
//
// Prints the median over ROUNDS of the nanoseconds per socket()+close(),
// each round CALLS pairs long. "smc" calls socket(AF_SMC) itself: the
// baseline for what a converted TCP socket costs under the library;
// "ipproto_smc" asks for the socket the BPF hook makes of a TCP one
// (AF_INET, IPPROTO_SMC), its baseline. The "_socketcall" kinds make the
// same sockets through socketcall(2)'s SYS_SOCKET, as glibc and Go do on
// s390x whatever the program says, so that the figure names the path the
// seccomp supervisor serves there. With ROUNDS 0, one socket of KIND is
// made and what the kernel made of it is printed instead (AF_SMC,
// IPPROTO_SMC, TCP, or its numbers), to tell a converted socket from one
// that was not.
// "refused" asks for a family no kernel has, which fails at once: the
// cheapest call that still passes through the hook, so that a few
// nanoseconds of hook cost stand out of the noise. "connect" times a whole
// loopback TCP connection instead: socket(), connect() to a listener of
// this process, accept(), and both close()s, the yardstick for what one
// more system call round trip per socket costs.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/smc_abi.h"

#ifdef SYS_socketcall
#include <linux/net.h>  // SYS_SOCKET, socketcall(2)'s call number
#endif

namespace {

[[noreturn]] void die(const char* what) {
  std::perror(what);
  std::exit(1);
}

struct Kind {
  const char* name;
  int domain, type, protocol;
  bool socketcall = false;  // through socketcall(2) rather than socket(2)
};

constexpr Kind kKinds[] = {
    {"udp", AF_INET, SOCK_DGRAM, 0},      {"unix", AF_UNIX, SOCK_STREAM, 0},
    {"tcp", AF_INET, SOCK_STREAM, 0},     {"tcp6", AF_INET6, SOCK_STREAM, 0},
    {"smc", smc::kAfSmc, SOCK_STREAM, smc::kSmcProtoSmc},
    {"smc6", smc::kAfSmc, SOCK_STREAM, smc::kSmcProtoSmc6},
    {"ipproto_smc", AF_INET, SOCK_STREAM, smc::kIpprotoSmc},
    {"refused", 255, SOCK_DGRAM, 0},  // beyond AF_MAX: EAFNOSUPPORT
    {"connect", AF_INET, SOCK_STREAM, 0},
#ifdef SYS_socketcall
    {"tcp_socketcall", AF_INET, SOCK_STREAM, 0, true},
    {"smc_socketcall", smc::kAfSmc, SOCK_STREAM, smc::kSmcProtoSmc, true},
#endif
};

int make_socket(const Kind& kind) {
#ifdef SYS_socketcall
  if (kind.socketcall) {
    // socketcall(2): the call's arguments as an array of unsigned long
    // (net/socket.c, SYSCALL_DEFINE2(socketcall)).
    unsigned long args[3] = {static_cast<unsigned long>(kind.domain),
                             static_cast<unsigned long>(kind.type),
                             static_cast<unsigned long>(kind.protocol)};
    return static_cast<int>(syscall(SYS_socketcall, SYS_SOCKET, args));
  }
#endif
  return socket(kind.domain, kind.type, kind.protocol);
}

// What the kernel made of one socket of KIND: its family and protocol
// (socket(7): SO_DOMAIN, SO_PROTOCOL).
int show(const Kind& kind) {
  const int fd = make_socket(kind);
  int domain = 0, protocol = 0;
  socklen_t length = sizeof domain;
  if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &length) != 0 ||
      getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &length) != 0) {
    die("socket_bench: socket");
  }
  close(fd);
  if (domain == smc::kAfSmc) {
    std::printf("AF_SMC\n");
  } else if ((domain == AF_INET || domain == AF_INET6) && protocol == smc::kIpprotoSmc) {
    std::printf("IPPROTO_SMC\n");
  } else if ((domain == AF_INET || domain == AF_INET6) && protocol == IPPROTO_TCP) {
    std::printf("TCP\n");
  } else {
    std::printf("family %d protocol %d\n", domain, protocol);
  }
  return 0;
}

// A loopback listener, and its address for connect().
int listener(sockaddr_in* address) {
  address->sin_family = AF_INET;
  address->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof *address;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(address), sizeof *address) != 0 ||
      listen(fd, 128) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(address), &length) != 0) {
    die("socket_bench: listener");
  }
  return fd;
}

// One whole loopback connection, both ends closed.
void one_connection(int server, const sockaddr_in& address) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    die("socket_bench: connect");
  }
  const int peer = accept(server, nullptr, nullptr);
  if (peer < 0) die("socket_bench: accept");
  // Reset rather than TIME_WAIT: thousands of connections would use up
  // the ephemeral ports otherwise.
  const linger reset{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  close(fd);
  close(peer);
}

double now_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: socket_bench KIND ROUNDS CALLS\n");
    return 2;
  }
  const Kind* kind = nullptr;
  for (const Kind& k : kKinds) {
    if (std::strcmp(k.name, argv[1]) == 0) kind = &k;
  }
  if (kind == nullptr) {
    std::fprintf(stderr, "socket_bench: unknown kind '%s'\n", argv[1]);
    return 2;
  }
  const int rounds = std::atoi(argv[2]);
  const int calls = std::atoi(argv[3]);
  if (rounds == 0) return show(*kind);
  const bool connections = std::strcmp(kind->name, "connect") == 0;
  sockaddr_in address{};
  const int server = connections ? listener(&address) : -1;
  std::vector<double> per_call;
  for (int r = 0; r < rounds; ++r) {
    const double start = now_ns();
    for (int i = 0; connections && i < calls; ++i) one_connection(server, address);
    for (int i = 0; !connections && i < calls; ++i) {
      const int fd = make_socket(*kind);
      if (fd >= 0) {
        close(fd);
      } else if (kind->domain != 255) {
        std::perror("socket_bench: socket");
        return 1;
      }
    }
    per_call.push_back((now_ns() - start) / calls);
  }
  std::sort(per_call.begin(), per_call.end());
  std::printf("%.1f\n", per_call[per_call.size() / 2]);
  return 0;
}
