#include "base/smc_socket.h"

#include <errno.h>
#include <sys/socket.h>

namespace smc {

SmcAttempt make_smc_socket(SocketCall tcp, Family family, int extra_flags,
                           MakeSocketFn make, RefusalMemory& memory) {
  SmcAttempt a{-1, SmcSocketKind::kSmc, {}};
  SmcSocketKind order[2];
  const int kinds = kinds_for(family, order);
  const int v6 = tcp.domain == AF_INET6 ? 1 : 0;
  for (int i = 0; i < kinds; ++i) {
    const SmcSocketKind m = order[i];
    std::atomic<int>& refused = memory.error[static_cast<int>(m)][v6];
    int error = refused.load(std::memory_order_relaxed);
    if (error == 0) {
      const SocketCall smc = smc_socket(tcp, m);
      const int fd = make(smc.domain, smc.type | extra_flags, smc.protocol);
      if (fd >= 0) {
        a.fd = fd;
        a.used = m;
        return a;
      }
      error = errno;
      if (smc_unavailable(error)) refused.store(error, std::memory_order_relaxed);
    }
    a.tried.kind[a.tried.count] = m;
    a.tried.error[a.tried.count++] = error;
    // Out of descriptors, memory...: the next kind would fail alike.
    if (classify_smc_failure(error) == SmcFailure::kShared) break;
  }
  errno = a.tried.error[a.tried.count - 1];
  return a;
}

bool smc_missing(const Attempts& attempts) {
  return attempts.count > 0 && smc_unavailable(attempts.error[attempts.count - 1]);
}

AppliedBuffer apply_buffer(int fd, int option, const char* name, int bytes) {
  if (bytes == 0) return {name, 0, 0};
  const int saved = errno;
  const int rc = setsockopt(fd, SOL_SOCKET, option, &bytes, sizeof bytes);
  const AppliedBuffer applied{name, bytes, rc == 0 ? 0 : errno};
  errno = saved;
  return applied;
}

}  // namespace smc
