#include "hooks/library_socket.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>

#include "base/library_mark.h"
#include "base/settings.h"  // find_env(): async-signal-safe, unlike getenv()

extern char** environ;

namespace smc {
namespace {

// -1 until the first call asks. A process cannot leave a filter, and
// smc_run's is installed before exec, so the answer holds for its life.
std::atomic<int> g_supervised{-1};

bool supervised() {
  int known = g_supervised.load(std::memory_order_relaxed);
  if (known < 0) {
    const int saved_errno = errno;
    known = find_env(environ, kSupervisorVariable) != nullptr &&
            prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER;
    errno = saved_errno;
    g_supervised.store(known, std::memory_order_relaxed);
  }
  return known == 1;
}

}  // namespace

int library_socket(MakeSocketFn plain, int domain, int type, int protocol) {
  if (!supervised()) return plain(domain, type, protocol);
  const unsigned long marked =
      (static_cast<unsigned long>(kLibraryMark) << 32) | static_cast<unsigned>(type);
  return static_cast<int>(syscall(SYS_socket, domain, marked, protocol));
}

}  // namespace smc
