/* A statically linked program for the tests: no library reaches it. */
#include <stdio.h>

int main(void) {
  puts("static program ran");
  return 0;
}
