/* Calls socket() with errno preset and prints, per call, whether it made a
 * socket and what errno was afterwards, so a test can compare runs with and
 * without the library. */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  static const struct {
    const char* name;
    int domain, type, protocol;
  } calls[] = {
      {"tcp4-first", AF_INET, SOCK_STREAM, 0},
      {"tcp4-again", AF_INET, SOCK_STREAM, IPPROTO_TCP},
      {"tcp6", AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0},
      {"udp4", AF_INET, SOCK_DGRAM, 0},
      {"unix", AF_UNIX, SOCK_STREAM, 0},
      {"bad-protocol", AF_INET, SOCK_DGRAM, IPPROTO_TCP},
      {"bad-family", 4242, SOCK_STREAM, 0},
      {"bad-type-flags", AF_INET, SOCK_STREAM | 0x10000000, 0},
  };
  for (size_t i = 0; i < sizeof calls / sizeof calls[0]; ++i) {
    errno = 4242;
    const int fd = socket(calls[i].domain, calls[i].type, calls[i].protocol);
    const int error = errno;
    printf("%s %s errno=%d\n", calls[i].name, fd >= 0 ? "made" : "failed",
           error);
    if (fd >= 0) close(fd);
  }
  return 0;
}
