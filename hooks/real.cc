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

// `ours` is our own definition of `name`, through a hidden alias: the
// exported name itself may be bound to another preloaded library. (Comparing
// with dladdr() would also work, but it scans libc's whole symbol table:
// more than half of what loading this library costs a program.)
void* next_symbol(const char* name, const void* ours) {
  void* symbol = dlsym(RTLD_NEXT, name);
  if (symbol == nullptr) return nullptr;
  if (symbol == ours) {
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
  calls.socket = reinterpret_cast<SocketFn>(
      next_symbol("socket", reinterpret_cast<const void*>(&smc_own_socket)));
  if (calls.socket == nullptr) calls.socket = &socket_syscall;
  return calls;
}

}  // namespace smc
