/* smc_echo: an echo server and client that make their SMC sockets
 * themselves, without smc_run, for the guest checks of the architectures
 * whose guests cannot run the host's programs (tools/guest/arch). Built as
 * a dynamic program by each architecture's cross gcc (BUILD.bazel here).
 *
 *   smc_echo serve KIND ADDRESS
 *       listens on ADDRESS (IPv4 or IPv6) on a port the kernel picks and
 *       prints "port N"; echoes one connection until the peer closes it,
 *       then prints "served N bytes".
 *   smc_echo send KIND ADDRESS PORT BYTES
 *       connects, sends BYTES of a pattern while it reads the echo back,
 *       checks every byte, prints "echoed N bytes intact", then keeps the
 *       connection open until a file named "release" exists in the working
 *       folder, so that the kernel can be asked about it meanwhile.
 *   KIND: smc (AF_SMC), ipproto-smc (AF_INET/AF_INET6 with IPPROTO_SMC),
 *   tcp (plain TCP).
 * Errors: one line on stderr naming the call, exit 1. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef AF_SMC
#define AF_SMC 43 /* include/linux/socket.h */
#endif
/* AF_SMC's protocol picks the address family of its TCP handshake
 * (net/smc/smc.h: SMCPROTO_SMC, SMCPROTO_SMC6). */
enum { SMCPROTO_SMC = 0, SMCPROTO_SMC6 = 1 };
/* include/uapi/linux/in.h (Linux 6.11); glibc 2.36 does not have it. */
enum { SMC_IPPROTO_SMC = 256 };

_Noreturn static void die(const char *what) {
  fprintf(stderr, "smc_echo: %s: %s\n", what, strerror(errno));
  exit(1);
}

_Noreturn static void usage(void) {
  fprintf(stderr, "usage: smc_echo serve smc|ipproto-smc|tcp ADDRESS\n"
                  "       smc_echo send smc|ipproto-smc|tcp ADDRESS PORT BYTES\n");
  exit(1);
}

/* The byte at offset i of what the client sends: differs between
 * neighbouring 256-byte blocks, so a lost or repeated chunk shows. */
static unsigned char pattern(size_t i) {
  return (unsigned char)(i * 131u ^ i >> 8 ^ i >> 16);
}

/* make_socket KIND ADDRESS PORT: the socket of that kind for the address's
 * family, and the address itself in *sa / *len. */
static int make_socket(const char *kind, const char *address, unsigned port,
                       struct sockaddr_storage *sa, socklen_t *len) {
  memset(sa, 0, sizeof *sa);
  int family;
  struct sockaddr_in *in4 = (struct sockaddr_in *)sa;
  struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;
  if (inet_pton(AF_INET, address, &in4->sin_addr) == 1) {
    family = in4->sin_family = AF_INET;
    in4->sin_port = htons(port);
    *len = sizeof *in4;
  } else if (inet_pton(AF_INET6, address, &in6->sin6_addr) == 1) {
    family = in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    *len = sizeof *in6;
  } else {
    fprintf(stderr, "smc_echo: '%s' is no IPv4 or IPv6 address\n", address);
    exit(1);
  }
  int fd;
  if (strcmp(kind, "smc") == 0)
    fd = socket(AF_SMC, SOCK_STREAM, family == AF_INET ? SMCPROTO_SMC : SMCPROTO_SMC6);
  else if (strcmp(kind, "ipproto-smc") == 0)
    fd = socket(family, SOCK_STREAM, SMC_IPPROTO_SMC);
  else if (strcmp(kind, "tcp") == 0)
    fd = socket(family, SOCK_STREAM, 0);
  else
    usage();
  if (fd < 0) die("socket");
  return fd;
}

static int serve(const char *kind, const char *address) {
  struct sockaddr_storage sa;
  socklen_t len;
  int fd = make_socket(kind, address, 0, &sa, &len);
  if (bind(fd, (struct sockaddr *)&sa, len) < 0) die("bind");
  if (listen(fd, 1) < 0) die("listen");
  len = sizeof sa;
  if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0) die("getsockname");
  unsigned port = ntohs(sa.ss_family == AF_INET ? ((struct sockaddr_in *)&sa)->sin_port
                                                : ((struct sockaddr_in6 *)&sa)->sin6_port);
  printf("port %u\n", port);
  fflush(stdout);
  int conn = accept(fd, NULL, NULL);
  if (conn < 0) die("accept");
  static char buffer[65536];
  size_t total = 0;
  for (;;) {
    ssize_t got = read(conn, buffer, sizeof buffer);
    if (got < 0) die("read");
    if (got == 0) break;
    for (ssize_t done = 0; done < got;) {
      ssize_t put = write(conn, buffer + done, (size_t)(got - done));
      if (put < 0) die("write");
      done += put;
    }
    total += (size_t)got;
  }
  printf("served %zu bytes\n", total);
  close(conn);
  close(fd);
  return 0;
}

/* Writes and reads at once: the echo comes back while the rest is still
 * being sent, and neither side's buffers hold 1 MiB. */
static void echo_round(int fd, size_t total) {
  static unsigned char out[65536], in[65536];
  size_t sent = 0, received = 0;
  while (received < total) {
    struct pollfd p = {.fd = fd, .events = POLLIN | (sent < total ? POLLOUT : 0)};
    int ready = poll(&p, 1, 60000);
    if (ready == 0) errno = ETIMEDOUT;
    if (ready <= 0) die("poll");
    if ((p.revents & POLLOUT) && sent < total) {
      size_t n = total - sent < sizeof out ? total - sent : sizeof out;
      for (size_t i = 0; i < n; i++) out[i] = pattern(sent + i);
      ssize_t put = send(fd, out, n, MSG_DONTWAIT);
      if (put < 0 && errno != EAGAIN) die("send");
      if (put > 0) sent += (size_t)put;
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t got = recv(fd, in, sizeof in, MSG_DONTWAIT);
      if (got < 0 && errno != EAGAIN) die("recv");
      if (got == 0) {
        fprintf(stderr, "smc_echo: the server closed after %zu of %zu bytes\n", received, total);
        exit(1);
      }
      for (ssize_t i = 0; i < got; i++) {
        if (in[i] != pattern(received + (size_t)i)) {
          fprintf(stderr, "smc_echo: byte %zu came back as %u, not %u\n",
                  received + (size_t)i, in[i], pattern(received + (size_t)i));
          exit(1);
        }
      }
      if (got > 0) received += (size_t)got;
    }
  }
}

static int send_and_hold(const char *kind, const char *address, const char *port, const char *bytes) {
  struct sockaddr_storage sa;
  socklen_t len;
  int fd = make_socket(kind, address, (unsigned)atoi(port), &sa, &len);
  if (connect(fd, (struct sockaddr *)&sa, len) < 0) die("connect");
  size_t total = (size_t)strtoull(bytes, NULL, 10);
  echo_round(fd, total);
  printf("echoed %zu bytes intact\n", total);
  fflush(stdout);
  struct stat st;
  for (int i = 0; stat("release", &st) < 0; i++) {
    if (i == 2400) {
      fprintf(stderr, "smc_echo: no file named release after 120 s\n");
      exit(1);
    }
    usleep(50000);
  }
  close(fd);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "serve") == 0) return serve(argv[2], argv[3]);
  if (argc == 6 && strcmp(argv[1], "send") == 0) return send_and_hold(argv[2], argv[3], argv[4], argv[5]);
  usage();
}
