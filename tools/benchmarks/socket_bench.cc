// Times socket() + close() for one kind of socket, for the hook-cost
// figures of tools/bench: run it with and without the preload library and
// compare.
//
//   socket_bench KIND ROUNDS CALLS
//     KIND: udp unix tcp tcp6 smc smc6 refused
//
// Prints the median over ROUNDS of the nanoseconds per socket()+close(),
// each round CALLS pairs long. "smc" calls socket(AF_SMC) itself: the
// baseline for what a converted TCP socket costs under the library.
// "refused" asks for a family no kernel has, which fails at once: the
// cheapest call that still passes through the hook, so that a few
// nanoseconds of hook cost stand out of the noise.
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/smc_abi.h"

namespace {

struct Kind {
  const char* name;
  int domain, type, protocol;
};

constexpr Kind kKinds[] = {
    {"udp", AF_INET, SOCK_DGRAM, 0},      {"unix", AF_UNIX, SOCK_STREAM, 0},
    {"tcp", AF_INET, SOCK_STREAM, 0},     {"tcp6", AF_INET6, SOCK_STREAM, 0},
    {"smc", smc::kAfSmc, SOCK_STREAM, smc::kSmcProtoSmc},
    {"smc6", smc::kAfSmc, SOCK_STREAM, smc::kSmcProtoSmc6},
    {"refused", 255, SOCK_DGRAM, 0},  // beyond AF_MAX: EAFNOSUPPORT
};

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
  std::vector<double> per_call;
  for (int r = 0; r < rounds; ++r) {
    const double start = now_ns();
    for (int i = 0; i < calls; ++i) {
      const int fd = socket(kind->domain, kind->type, kind->protocol);
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
