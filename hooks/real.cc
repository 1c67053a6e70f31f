#include "hooks/real.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/log_line.h"

namespace smc {
namespace {

int socket_syscall(int domain, int type, int protocol) {
  return static_cast<int>(syscall(SYS_socket, domain, type, protocol));
}

int connect_syscall(int fd, const struct sockaddr* address, socklen_t length) {
  return static_cast<int>(syscall(SYS_connect, fd, address, length));
}

// accept4 with no flags is accept (net/socket.c: sys_accept calls
// __sys_accept4 with 0), and every architecture has it: s390x has no
// accept system call of its own.
int accept_syscall(int fd, struct sockaddr* address, socklen_t* length) {
  return static_cast<int>(syscall(SYS_accept4, fd, address, length, 0));
}

int accept4_syscall(int fd, struct sockaddr* address, socklen_t* length,
                    int flags) {
  return static_cast<int>(syscall(SYS_accept4, fd, address, length, flags));
}

int getsockopt_syscall(int fd, int level, int name, void* value,
                       socklen_t* length) {
  return static_cast<int>(
      syscall(SYS_getsockopt, fd, level, name, value, length));
}

int listen_syscall(int fd, int backlog) {
  return static_cast<int>(syscall(SYS_listen, fd, backlog));
}

int execve_syscall(const char* path, char* const argv[], char* const envp[]) {
  return static_cast<int>(syscall(SYS_execve, path, argv, envp));
}

int execveat_syscall(int dirfd, const char* path, char* const argv[],
                     char* const envp[], int flags) {
  return static_cast<int>(syscall(SYS_execveat, dirfd, path, argv, envp, flags));
}

template <typename Result, typename... Args>
Result unavailable(Args...) {
  errno = ENOSYS;
  return Result{};
}

// The posix_spawn family returns its error instead of setting errno.
template <typename... Args>
int unavailable_spawn(Args...) {
  return ENOSYS;
}

// `ours` is our own definition of `name`, through a hidden alias: the
// exported name itself may be bound to another preloaded library. (Comparing
// with dladdr() would also work, but it scans libc's whole symbol table:
// more than half of what loading this library costs a program.)
template <typename Fn>
Fn next(const char* name, Fn ours, Fn fallback) {
  void* symbol = dlsym(RTLD_NEXT, name);
  if (symbol == nullptr) return fallback;
  if (symbol == reinterpret_cast<void*>(ours)) {
    LogLine()
        .str("fatal: dlsym(RTLD_NEXT, \"")
        .str(name)
        .str("\") resolved to libsmc-preload itself; the library is "
             "miscompiled")
        .emit();
    abort();
  }
  return reinterpret_cast<Fn>(symbol);
}

}  // namespace

RealCalls resolve_real_calls() {
  return RealCalls{
      next<SocketFn>("socket", &smc_own_socket, &socket_syscall),
      next<ConnectFn>("connect", &smc_own_connect, &connect_syscall),
      next<ListenFn>("listen", &smc_own_listen, &listen_syscall),
      next<ExecveFn>("execve", &smc_own_execve, &execve_syscall),
      next<ExecveFn>("execvpe", &smc_own_execvpe,
                     &unavailable<int, const char*, char* const*, char* const*>),
      next<FexecveFn>("fexecve", &smc_own_fexecve,
                      &unavailable<int, int, char* const*, char* const*>),
      // glibc 2.34 and later; elsewhere the system call (Linux 3.19).
      next<ExecveatFn>("execveat", &smc_own_execveat, &execveat_syscall),
      next<SpawnFn>("posix_spawn", &smc_own_posix_spawn,
                    &unavailable_spawn<pid_t*, const char*,
                                 const posix_spawn_file_actions_t*,
                                 const posix_spawnattr_t*, char* const*,
                                 char* const*>),
      next<SpawnFn>("posix_spawnp", &smc_own_posix_spawnp,
                    &unavailable_spawn<pid_t*, const char*,
                                 const posix_spawn_file_actions_t*,
                                 const posix_spawnattr_t*, char* const*,
                                 char* const*>),
      next<SystemFn>("system", &smc_own_system,
                     &unavailable<int, const char*>),
      next<PopenFn>("popen", &smc_own_popen,
                    &unavailable<FILE*, const char*, const char*>),
      // glibc 2.34 and later; musl has none, and its programs never call it.
      next<CloseFromFn>("posix_spawn_file_actions_addclosefrom_np",
                        &smc_own_posix_spawn_file_actions_addclosefrom_np,
                        &unavailable_spawn<posix_spawn_file_actions_t*, int>),
      next<ActionsFn>("posix_spawn_file_actions_init",
                      &smc_own_posix_spawn_file_actions_init,
                      &unavailable_spawn<posix_spawn_file_actions_t*>),
      next<ActionsFn>("posix_spawn_file_actions_destroy",
                      &smc_own_posix_spawn_file_actions_destroy,
                      &unavailable_spawn<posix_spawn_file_actions_t*>),
      next<AddOpenFn>("posix_spawn_file_actions_addopen",
                      &smc_own_posix_spawn_file_actions_addopen,
                      &unavailable_spawn<posix_spawn_file_actions_t*, int,
                                         const char*, int, mode_t>),
      next<AddDup2Fn>("posix_spawn_file_actions_adddup2",
                      &smc_own_posix_spawn_file_actions_adddup2,
                      &unavailable_spawn<posix_spawn_file_actions_t*, int, int>),
      next<CloseFromFn>("posix_spawn_file_actions_addclose",
                        &smc_own_posix_spawn_file_actions_addclose,
                        &unavailable_spawn<posix_spawn_file_actions_t*, int>),
      // glibc 2.29 and later, musl 1.1.24 and later.
      next<CloseFromFn>("posix_spawn_file_actions_addfchdir_np",
                        &smc_own_posix_spawn_file_actions_addfchdir_np,
                        &unavailable_spawn<posix_spawn_file_actions_t*, int>),
      next<AcceptFn>("accept", &smc_own_accept, &accept_syscall),
      next<Accept4Fn>("accept4", &smc_own_accept4, &accept4_syscall),
      next<GetsockoptFn>("getsockopt", &smc_own_getsockopt,
                         &getsockopt_syscall),
  };
}

}  // namespace smc
