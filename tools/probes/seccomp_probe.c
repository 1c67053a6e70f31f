/* A statically linked probe for the seccomp supervisor's tests, built
 * with glibc and with musl: no library can reach it. One mode per run:
 *   echo      a TCP connection over 127.0.0.1 to itself, "ping"/"pong"
 *   others    a UDP, a UNIX stream and a UNIX datagram socket, a pair
 *   errno     socket() calls with errno preset: made or failed, errno
 *   emfile    a TCP socket once every descriptor is used: its errno
 *   threads   64 threads make their first TCP socket at once
 *   waitany   wait(-1) with no child, then with one that exits 7
 *   child     a TCP socket in a child exec'd with an empty environment
 *   flags     SOCK_NONBLOCK and SOCK_CLOEXEC of a TCP socket
 *   exit N    a TCP socket, then exit N
 *   term      a TCP socket, then SIGTERM to itself
 *   status    its NoNewPrivs and Seccomp lines of /proc/self/status
 *   listener  installs a seccomp filter of its own with a user-notification
 *             listener (as sandboxes and container runtimes do), then echo
 *   get ADDRESS PORT PATH FILE
 *             an HTTP/1.0 GET of PATH from ADDRESS (IPv4), body into FILE */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
/* The kernel's headers, which musl-gcc does not see: its build has no
 * listener mode. */
#if __has_include(<linux/filter.h>)
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#define HAVE_LISTENER 1
#endif

static int echo(void) {
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t len = sizeof addr;
  int server = socket(AF_INET, SOCK_STREAM, 0);
  if (server < 0 || bind(server, (struct sockaddr*)&addr, sizeof addr) != 0 ||
      listen(server, 1) != 0 || getsockname(server, (struct sockaddr*)&addr, &len) != 0) {
    perror("server");
    return 1;
  }
  int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
  if (client < 0 || connect(client, (struct sockaddr*)&addr, sizeof addr) != 0) {
    perror("client");
    return 1;
  }
  int peer = accept(server, NULL, NULL);
  char buf[5] = {0};
  if (peer < 0 || write(client, "ping", 4) != 4 || read(peer, buf, 4) != 4 ||
      strcmp(buf, "ping") != 0 || write(peer, "pong", 4) != 4 || read(client, buf, 4) != 4 ||
      strcmp(buf, "pong") != 0) {
    perror("echo");
    return 1;
  }
  puts("echo ok");
  return 0;
}

static int others(void) {
  int pair[2];
  int udp = socket(AF_INET, SOCK_DGRAM, 0);
  int unix_stream = socket(AF_UNIX, SOCK_STREAM, 0);
  int unix_dgram = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int paired = socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
  printf("udp %d unix %d %d pair %d\n", udp >= 0, unix_stream >= 0, unix_dgram >= 0,
         paired == 0);
  return 0;
}

static int errnos(void) {
  static const struct {
    const char* name;
    int domain, type, protocol;
  } calls[] = {
      {"tcp4", AF_INET, SOCK_STREAM, 0},
      {"tcp6", AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP},
      {"udp4", AF_INET, SOCK_DGRAM, 0},
      {"protocol-99", AF_INET, SOCK_STREAM, 99},
      {"bad-flags", AF_INET, SOCK_STREAM | 0x100, 0},
      {"bad-family", 4242, SOCK_STREAM, 0},
  };
  for (size_t i = 0; i < sizeof calls / sizeof calls[0]; ++i) {
    errno = 4242;
    const int fd = socket(calls[i].domain, calls[i].type, calls[i].protocol);
    printf("%s %s errno=%d\n", calls[i].name, fd >= 0 ? "made" : "failed", errno);
    if (fd >= 0) close(fd);
  }
  return 0;
}

static int emfile(void) {
  struct rlimit limit;
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = 16;
  setrlimit(RLIMIT_NOFILE, &limit);
  while (dup(0) >= 0) {
  }
  errno = 0;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  printf("%s errno=%d\n", fd >= 0 ? "made" : "failed", errno);
  return 0;
}

static pthread_barrier_t start_line;

static void* first_socket(void* result) {
  pthread_barrier_wait(&start_line);
  *(int*)result = socket(AF_INET, SOCK_STREAM, 0);
  return NULL;
}

static int threads(void) {
  enum { kThreads = 64 };
  pthread_t t[kThreads];
  int fds[kThreads];
  pthread_barrier_init(&start_line, NULL, kThreads);
  for (int i = 0; i < kThreads; ++i) pthread_create(&t[i], NULL, first_socket, &fds[i]);
  int made = 0;
  for (int i = 0; i < kThreads; ++i) {
    pthread_join(t[i], NULL);
    made += fds[i] >= 0;
  }
  printf("%d of %d sockets\n", made, kThreads);
  return 0;
}

static int waitany(void) {
  errno = 0;
  pid_t got = wait(NULL);
  printf("no child: %d errno=%d\n", (int)got, errno);
  pid_t child = fork();
  if (child == 0) _exit(7);
  int status = 0;
  got = wait(&status);
  printf("one child: %s status=%d\n", got == child ? "itself" : "another",
         WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  errno = 0;
  got = wait(NULL);
  printf("then: %d errno=%d\n", (int)got, errno);
  return 0;
}

static int child(const char* self) {
  pid_t pid = fork();
  if (pid == 0) {
    char* argv[] = {(char*)"seccomp_probe", (char*)"flags", NULL};
    char* envp[] = {NULL};
    execve(self, argv, envp);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  printf("child pid %d status %d\n", (int)pid, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return 0;
}

static int flags(void) {
  int fd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int plain = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || plain < 0) {
    perror("socket");
    return 1;
  }
  printf("nonblock %d cloexec %d, plain %d %d\n", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0,
         (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0, (fcntl(plain, F_GETFL) & O_NONBLOCK) != 0,
         (fcntl(plain, F_GETFD) & FD_CLOEXEC) != 0);
  return 0;
}

static int status(void) {
  FILE* f = fopen("/proc/self/status", "r");
  char line[256];
  while (f != NULL && fgets(line, sizeof line, f) != NULL) {
    if (strncmp(line, "NoNewPrivs:", 11) == 0 || strncmp(line, "Seccomp:", 8) == 0) {
      fputs(line, stdout);
    }
  }
  if (f != NULL) fclose(f);
  return 0;
}

static int get(const char* address, const char* port, const char* path, const char* file) {
  struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(port))};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  char request[512];
  snprintf(request, sizeof request, "GET %s HTTP/1.0\r\n\r\n", path);
  if (fd < 0 || inet_pton(AF_INET, address, &peer.sin_addr) != 1 ||
      connect(fd, (struct sockaddr*)&peer, sizeof peer) != 0 ||
      write(fd, request, strlen(request)) != (ssize_t)strlen(request)) {
    perror("get");
    return 1;
  }
  FILE* out = fopen(file, "wb");
  if (out == NULL) {
    perror(file);
    return 1;
  }
  /* Everything after the blank line that ends the headers. */
  static char buf[1 << 16];
  int state = 0; /* how much of "\r\n\r\n" was seen */
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    ssize_t i = 0;
    for (; state < 4 && i < n; ++i) {
      const char want = (state % 2 == 0) ? '\r' : '\n';
      state = buf[i] == want ? state + 1 : (buf[i] == '\r' ? 1 : 0);
    }
    fwrite(buf + i, 1, (size_t)(n - i), out);
  }
  fclose(out);
  return n < 0 || state < 4;
}

/* A filter that allows every call, installed with
 * SECCOMP_FILTER_FLAG_NEW_LISTENER: the kernel refuses a second listener
 * in one filter chain with EBUSY (kernel/seccomp.c, has_duplicate_listener),
 * so this fails under a seccomp supervisor and works without one. */
#ifdef HAVE_LISTENER
static int listener(void) {
  struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  struct sock_fprog prog = {.len = 1, .filter = &allow};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    perror("no_new_privs");
    return 1;
  }
  const long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
  if (fd < 0) {
    perror("seccomp listener");
    return 1;
  }
  puts("listener ok");
  return echo();
}
#endif

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "";
  setvbuf(stdout, NULL, _IONBF, 0);
  if (strcmp(mode, "echo") == 0) return echo();
  if (strcmp(mode, "others") == 0) return others();
  if (strcmp(mode, "errno") == 0) return errnos();
  if (strcmp(mode, "emfile") == 0) return emfile();
  if (strcmp(mode, "threads") == 0) return threads();
  if (strcmp(mode, "waitany") == 0) return waitany();
  if (strcmp(mode, "child") == 0) return child(argv[0]);
  if (strcmp(mode, "flags") == 0) return flags();
  if (strcmp(mode, "status") == 0) return status();
#ifdef HAVE_LISTENER
  if (strcmp(mode, "listener") == 0) return listener();
#endif
  if (strcmp(mode, "get") == 0 && argc == 6) return get(argv[2], argv[3], argv[4], argv[5]);
  if (strcmp(mode, "exit") == 0 && argc > 2) {
    socket(AF_INET, SOCK_STREAM, 0);
    return atoi(argv[2]);
  }
  if (strcmp(mode, "term") == 0) {
    socket(AF_INET, SOCK_STREAM, 0);
    kill(getpid(), SIGTERM);
    pause();
  }
  fprintf(stderr,
          "usage: seccomp_probe echo|others|errno|emfile|threads|waitany|child|flags|"
          "exit N|term|status|listener|get ADDRESS PORT PATH FILE\n");
  return 2;
}
