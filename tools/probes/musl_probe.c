/* A musl program for the tests (built with Debian's musl-gcc): it makes a
 * TCP socket and prints its SO_RCVBUF, then closes every inherited
 * descriptor and execs itself with an empty environment, as Alpine
 * entrypoints and daemons do; the child prints its SO_RCVBUF too. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int rcvbuf(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int size = -1;
  socklen_t len = sizeof size;
  if (fd >= 0) getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, &len);
  return size;
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    printf("child %d\n", rcvbuf());
    return 0;
  }
  printf("parent %d\n", rcvbuf());
  fflush(stdout);
  for (int fd = 3; fd < 1024; ++fd) close(fd);
  pid_t pid = fork();
  if (pid == 0) {
    char* args[] = {argv[0], "child", NULL};
    char* env[] = {NULL};
    execve("/proc/self/exe", args, env);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
