// The real libc functions behind our hooks, resolved in one place.
#pragma once

#include <spawn.h>
#include <stdio.h>
#include <sys/socket.h>

namespace smc {

using SocketFn = int (*)(int, int, int);
using ConnectFn = int (*)(int, const sockaddr*, socklen_t);
using ListenFn = int (*)(int, int);
using ExecveFn = int (*)(const char*, char* const[], char* const[]);
using FexecveFn = int (*)(int, char* const[], char* const[]);
using SpawnFn = int (*)(pid_t*, const char*, const posix_spawn_file_actions_t*,
                        const posix_spawnattr_t*, char* const[], char* const[]);
using SystemFn = int (*)(const char*);
using PopenFn = FILE* (*)(const char*, const char*);
using ExecveatFn = int (*)(int, const char*, char* const[], char* const[], int);
using CloseFromFn = int (*)(posix_spawn_file_actions_t*, int);
using ActionsFn = int (*)(posix_spawn_file_actions_t*);  // init, destroy
using AddOpenFn = int (*)(posix_spawn_file_actions_t*, int, const char*, int, mode_t);
using AddDup2Fn = int (*)(posix_spawn_file_actions_t*, int, int);
using AcceptFn = int (*)(int, struct sockaddr*, socklen_t*);
using Accept4Fn = int (*)(int, struct sockaddr*, socklen_t*, int);
using GetsockoptFn = int (*)(int, int, int, void*, socklen_t*);

// Hidden aliases of our own hooks (defined beside each hook), for telling
// our definitions from the next ones.
extern "C" {
int smc_own_socket(int domain, int type, int protocol);
int smc_own_connect(int fd, const sockaddr* address, socklen_t length);
int smc_own_listen(int fd, int backlog);
int smc_own_execve(const char*, char* const[], char* const[]);
int smc_own_execvpe(const char*, char* const[], char* const[]);
int smc_own_fexecve(int, char* const[], char* const[]);
int smc_own_execveat(int, const char*, char* const[], char* const[], int);
int smc_own_posix_spawn(pid_t*, const char*, const posix_spawn_file_actions_t*,
                        const posix_spawnattr_t*, char* const[], char* const[]);
int smc_own_posix_spawnp(pid_t*, const char*, const posix_spawn_file_actions_t*,
                         const posix_spawnattr_t*, char* const[], char* const[]);
int smc_own_system(const char*);
FILE* smc_own_popen(const char*, const char*);
int smc_own_accept(int, struct sockaddr*, socklen_t*);
int smc_own_accept4(int, struct sockaddr*, socklen_t*, int);
int smc_own_getsockopt(int, int, int, void*, socklen_t*);
int smc_own_posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t*,
                                                     int);
int smc_own_posix_spawn_file_actions_init(posix_spawn_file_actions_t*);
int smc_own_posix_spawn_file_actions_destroy(posix_spawn_file_actions_t*);
int smc_own_posix_spawn_file_actions_addopen(posix_spawn_file_actions_t*, int,
                                             const char*, int, mode_t);
int smc_own_posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t*, int, int);
int smc_own_posix_spawn_file_actions_addclose(posix_spawn_file_actions_t*, int);
int smc_own_posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t*, int);
}

struct RealCalls {
  SocketFn socket;
  ConnectFn connect;
  ListenFn listen;
  ExecveFn execve;
  ExecveFn execvpe;  // same shape: a file to search for instead of a path
  FexecveFn fexecve;
  ExecveatFn execveat;
  SpawnFn posix_spawn;
  SpawnFn posix_spawnp;
  SystemFn system;
  PopenFn popen;
  // posix_spawn_file_actions_*: what a spawn's file actions touch
  // (hooks/spawn_actions.h).
  CloseFromFn addclosefrom;  // posix_spawn_file_actions_addclosefrom_np
  ActionsFn actions_init;
  ActionsFn actions_destroy;
  AddOpenFn addopen;
  AddDup2Fn adddup2;
  CloseFromFn addclose;      // same shape: one number
  CloseFromFn addfchdir;     // posix_spawn_file_actions_addfchdir_np
  AcceptFn accept;
  Accept4Fn accept4;
  GetsockoptFn getsockopt;
};

// Looks every hooked symbol up with dlsym(RTLD_NEXT). Aborts with a message
// if a lookup lands on our own definition: that would recurse forever, and
// only a broken build can cause it. A symbol that cannot be found at all
// (no libc in the chain) is replaced by a direct system call where there is
// one, else by a stub that fails with ENOSYS.
RealCalls resolve_real_calls();

}  // namespace smc
