/* A statically linked program that reuses every descriptor number named
 * by an LD_PRELOAD entry /proc/self/fd/N it was given: it puts the file
 * argv[1] there (a foreign library), then execs argv[2...], so a test can
 * tell whether a child would load whatever now sits on N. Prints the
 * LD_PRELOAD it was given, or "LD_PRELOAD unset". */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    fputs("usage: fd_reuse_probe FILE PROGRAM [ARG...]\n", stderr);
    return 2;
  }
  const char* preload = getenv("LD_PRELOAD");
  printf("%s%s\n", preload ? "LD_PRELOAD=" : "LD_PRELOAD unset", preload ? preload : "");
  fflush(stdout);
  for (const char* p = preload ? strstr(preload, "/proc/self/fd/") : NULL; p != NULL;
       p = strstr(p + 1, "/proc/self/fd/")) {
    const int n = atoi(p + strlen("/proc/self/fd/"));
    const int file = open(argv[1], O_RDONLY);
    if (file < 0 || dup2(file, n) < 0) return 2;
    if (file != n) close(file);
  }
  execv(argv[2], argv + 2);
  perror("execv");
  return 127;
}
