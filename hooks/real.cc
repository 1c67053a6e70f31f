#include "hooks/real.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hooks/log.h"

namespace smc {
namespace {

int socket_syscall(int domain, int type, int protocol) {
  return static_cast<int>(syscall(SYS_socket, domain, type, protocol));
}

// Any address inside this library identifies it for dladdr().
void* next_symbol(const char* name) {
  void* symbol = dlsym(RTLD_NEXT, name);
  if (symbol == nullptr) return nullptr;
  Dl_info self{};
  Dl_info found{};
  if (dladdr(reinterpret_cast<void*>(&next_symbol), &self) != 0 &&
      dladdr(symbol, &found) != 0 && self.dli_fbase == found.dli_fbase) {
    LogLine()
        .str("fatal: dlsym(RTLD_NEXT, \"")
        .str(name)
        .str("\") resolved to libsmc-preload itself; the library is "
             "miscompiled")
        .emit();
    abort();
  }
  return symbol;
}

}  // namespace

RealCalls resolve_real_calls() {
  RealCalls calls{};
  calls.socket = reinterpret_cast<SocketFn>(next_symbol("socket"));
  if (calls.socket == nullptr) calls.socket = &socket_syscall;
  return calls;
}

}  // namespace smc
