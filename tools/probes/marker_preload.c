/* A user's own preload library for the tests: says it was loaded, so a test
 * can tell that smc_run kept it in LD_PRELOAD. */
#include <unistd.h>

__attribute__((constructor)) static void say_loaded(void) {
  static const char kLine[] = "marker-preload: loaded\n";
  (void)!write(2, kLine, sizeof kLine - 1);
}
