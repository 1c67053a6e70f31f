/* Hands every hooked call that reads a caller's pointer a bad one (an
 * invalid address, or memory that straddles the end of a mapping) and
 * prints, per call, its result and errno, so that a test can compare runs
 * with and without the library: libc answers EFAULT, and so must we. */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#define PAGE 4096

static void show(const char* name, long result, int error) {
  printf("%s %ld errno=%d\n", name, result, result < 0 || error != 0 ? error : 0);
  fflush(stdout);
}

static int tcp(void) { return socket(AF_INET, SOCK_STREAM, 0); }

int main(void) {
  /* Two pages, the second unreadable: `end` is the end of a mapping. */
  char* base = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED || mprotect(base + PAGE, PAGE, PROT_NONE) != 0) return 2;
  char* end = base + PAGE;
  int fd;
  long r;

  fd = tcp();
  errno = 0;
  r = connect(fd, (struct sockaddr*)1, 16);
  show("connect-address-1", r, errno);
  close(fd);

  /* An AF_INET sockaddr whose family and port are readable, its address not. */
  struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(9)};
  memcpy(end - 8, &in, 8);
  fd = tcp();
  errno = 0;
  r = connect(fd, (struct sockaddr*)(end - 8), sizeof in);
  show("connect-ipv4-straddling", r, errno);
  close(fd);

  struct sockaddr_in6 in6 = {.sin6_family = AF_INET6, .sin6_port = htons(9)};
  memcpy(end - 12, &in6, 12);
  fd = socket(AF_INET6, SOCK_STREAM, 0);
  errno = 0;
  r = connect(fd, (struct sockaddr*)(end - 12), sizeof in6);
  show("connect-ipv6-straddling", r, errno);
  close(fd);

  fd = tcp();
  socklen_t length = sizeof(int);
  errno = 0;
  r = getsockopt(fd, SOL_SOCKET, SO_ERROR, (void*)1, &length);
  show("getsockopt-value-1", r, errno);
  errno = 0;
  r = getsockopt(fd, SOL_SOCKET, SO_ERROR, &length, (socklen_t*)1);
  show("getsockopt-length-1", r, errno);
  close(fd);

  /* accept() of a waiting connection into a bad address. */
  int server = tcp();
  struct sockaddr_in local = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t local_length = sizeof local;
  if (bind(server, (struct sockaddr*)&local, sizeof local) != 0 || listen(server, 4) != 0 ||
      getsockname(server, (struct sockaddr*)&local, &local_length) != 0) {
    return 2;
  }
  int client = tcp();
  if (connect(client, (struct sockaddr*)&local, sizeof local) != 0) return 2;
  socklen_t peer_length = sizeof(struct sockaddr_in);
  errno = 0;
  r = accept(server, (struct sockaddr*)1, &peer_length);
  show("accept-address-1", r, errno);
  close(client);
  close(server);

  char* argv[] = {"true", NULL};
  errno = 0;
  r = execve("/bin/true", argv, (char**)1);
  show("execve-envp-1", r, errno);

  char* bad_string[] = {"A=1", (char*)1, NULL};
  errno = 0;
  r = execve("/bin/true", argv, bad_string);
  show("execve-envp-string-1", r, errno);

  /* An environment array that runs into the unreadable page before its NULL. */
  char** slots = (char**)(end - 2 * sizeof(char*));
  slots[0] = "A=1";
  slots[1] = "B=2";
  errno = 0;
  r = execve("/bin/true", argv, slots);
  show("execve-envp-straddling", r, errno);

  /* A variable whose text runs into the unreadable page. */
  memset(end - 4, 'x', 4);
  char* straddling_string[] = {end - 4, NULL};
  errno = 0;
  r = execvpe("true", argv, straddling_string);
  show("execvpe-envp-string-straddling", r, errno);

  pid_t pid = 0;
  errno = 0;
  r = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, (char**)1);
  show("posix_spawn-envp-1", r > 0 ? -r : r, r > 0 ? r : errno);
  errno = 0;
  r = posix_spawnp(&pid, "true", NULL, NULL, argv, slots);
  show("posix_spawnp-envp-straddling", r > 0 ? -r : r, r > 0 ? r : errno);
  return 0;
}
