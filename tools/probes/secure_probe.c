/* Says whether it runs in secure-execution mode and whether the library is
 * mapped, makes a TCP socket and reports its SO_SNDBUF, then exits
 * normally (so that an exit summary would be written). */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/socket.h>
#include <netinet/in.h>

int main(void) {
  printf("secure %lu\n", getauxval(AT_SECURE));
  char maps[1 << 16] = {0};
  FILE* f = fopen("/proc/self/maps", "r");
  if (f != NULL) {
    (void)!fread(maps, 1, sizeof maps - 1, f);
    fclose(f);
  }
  printf("library %s\n", strstr(maps, "libsmc-preload.so") ? "mapped" : "absent");
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  printf("socket %s\n", fd >= 0 ? "made" : "failed");
  int size = 0;
  socklen_t length = sizeof size;
  if (fd >= 0 && getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, &length) == 0) {
    printf("sndbuf %d\n", size);
  }
  return 0;
}
