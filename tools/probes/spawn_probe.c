/* Starts children through every call the library hooks (the exec family,
 * execveat, fexecve, posix_spawn, posix_spawnp, system, popen), each after
 * something a program may do to the library's descriptor number N or next
 * to it (close it, reuse it, dup a pipe onto it, set close-on-exec on it or
 * on every descriptor, change folder) or, for posix_spawn, with each kind
 * of file action on that number. Each child says whether the library is
 * mapped in it, from its own /proc/self/maps, not from our diagnostics.
 *
 *   spawn_probe run WRONG_LIB [CALL...]  the matrix (only CALLs, if given)
 *   spawn_probe child TAG                what each child runs
 *
 * WRONG_LIB is a file named libsmc-preload.so that is not ours: a child that
 * loads it says so on stderr. Lines on stdout, one per child:
 *   "CALL DISTURBANCE TARGET: smc" or ": nosmc", or, from the driver,
 *   ": hung" (no exit within 10 s: the loader blocked) or ": status N". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

static const char* g_self;       /* this program, absolute */
static const char* g_wrong_lib;  /* a libsmc-preload.so that is not ours */
static char g_wrong_dir[4096];   /* its folder */
static int g_pipe_read = -1;     /* a pipe whose writer stays open */
static int g_hangs = 0;

static int child(const char* tag) {
  char maps[1 << 16];
  int fd = open("/proc/self/maps", O_RDONLY);
  ssize_t n = fd >= 0 ? read(fd, maps, sizeof maps - 1) : -1;
  size_t total = 0;
  while (n > 0) {
    total += (size_t)n;
    if (total >= sizeof maps - 1) break;
    n = read(fd, maps + total, sizeof maps - 1 - total);
  }
  maps[total] = '\0';
  if (fd >= 0) close(fd);
  char line[512];
  int length = snprintf(line, sizeof line, "%s: %s\n", tag,
                        strstr(maps, "libsmc-preload.so") ? "smc" : "nosmc");
  (void)!write(1, line, (size_t)length);
  return 0;
}

/* The library's descriptor: N of /proc/self/fd/N in LD_PRELOAD. */
static int library_fd(void) {
  const char* preload = getenv("LD_PRELOAD");
  const char* at = preload ? strstr(preload, "/proc/self/fd/") : NULL;
  return at ? atoi(at + strlen("/proc/self/fd/")) : -1;
}

/* What the driver child does to descriptor `target` before the call. */
static void disturb(const char* what, int target) {
  if (strcmp(what, "close") == 0) {
    close(target);
  } else if (strcmp(what, "reuse") == 0) {
    int fd = open(g_wrong_lib, O_RDONLY);
    if (fd != target) {
      dup2(fd, target);
      close(fd);
    }
  } else if (strcmp(what, "pipe") == 0) {
    dup2(g_pipe_read, target);
  } else if (strcmp(what, "cloexec") == 0) {
    fcntl(target, F_SETFD, FD_CLOEXEC);
  } else if (strcmp(what, "close_range_cloexec") == 0) {
    close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  } else if (strcmp(what, "cloexec_loop") == 0) {
    for (int fd = 3; fd < 1100; ++fd) fcntl(fd, F_SETFD, FD_CLOEXEC);
  } else if (strcmp(what, "chdir") == 0) {
    (void)!chdir(g_wrong_dir);
  }
}

static void file_action(posix_spawn_file_actions_t* fa, const char* what,
                        int target) {
  if (strcmp(what, "addopen") == 0) {
    posix_spawn_file_actions_addopen(fa, target, g_wrong_lib, O_RDONLY, 0);
  } else if (strcmp(what, "adddup2") == 0) {
    posix_spawn_file_actions_adddup2(fa, g_pipe_read, target);
  } else if (strcmp(what, "addclose") == 0) {
    posix_spawn_file_actions_addclose(fa, target);
  } else if (strcmp(what, "addclose_all") == 0) {
    for (int fd = 3; fd < 1100; ++fd) posix_spawn_file_actions_addclose(fa, fd);
  } else if (strcmp(what, "addclosefrom") == 0) {
    posix_spawn_file_actions_addclosefrom_np(fa, target);
  } else if (strcmp(what, "addchdir") == 0) {
    posix_spawn_file_actions_addchdir_np(fa, g_wrong_dir);
  } else if (strcmp(what, "addfchdir") == 0) {
    posix_spawn_file_actions_addopen(fa, target, g_wrong_dir,
                                     O_RDONLY | O_DIRECTORY, 0);
    posix_spawn_file_actions_addfchdir_np(fa, target);
  }
}

/* Runs in the driver child: start the child through `call`. Returns only
 * when the call failed or (spawn, system, popen) the child ended. */
static int start(const char* call, const char* tag, const char* action,
                 int target) {
  char* argv[] = {"spawn_probe", "child", (char*)tag, NULL};
  const char* base = strrchr(g_self, '/') + 1;
  if (strncmp(call, "posix_spawn", 11) == 0) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    file_action(&fa, action, target);
    pid_t pid;
    int error = strcmp(call, "posix_spawn") == 0
                    ? posix_spawn(&pid, g_self, &fa, NULL, argv, environ)
                    : posix_spawnp(&pid, base, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (error != 0) return 100 + error;
    int status;
    waitpid(pid, &status, 0);
    return 0;
  }
  char command[8192];
  snprintf(command, sizeof command, "'%s' child '%s'", g_self, tag);
  if (strcmp(call, "system") == 0) return system(command) == 0 ? 0 : 3;
  if (strcmp(call, "popen") == 0) {
    FILE* f = popen(command, "r");
    if (f == NULL) return 3;
    char buf[512];
    while (fgets(buf, sizeof buf, f)) fputs(buf, stdout);
    return pclose(f) == 0 ? 0 : 3;
  }
  if (strcmp(call, "execve") == 0) execve(g_self, argv, environ);
  if (strcmp(call, "execv") == 0) execv(g_self, argv);
  if (strcmp(call, "execvp") == 0) execvp(base, argv);
  if (strcmp(call, "execvpe") == 0) execvpe(base, argv, environ);
  if (strcmp(call, "execl") == 0) execl(g_self, "spawn_probe", "child", tag, (char*)NULL);
  if (strcmp(call, "execlp") == 0) execlp(base, "spawn_probe", "child", tag, (char*)NULL);
  if (strcmp(call, "execle") == 0) {
    execle(g_self, "spawn_probe", "child", tag, (char*)NULL, environ);
  }
  if (strcmp(call, "fexecve") == 0) {
    int fd = open(g_self, O_RDONLY | O_CLOEXEC);
    fexecve(fd, argv, environ);
  }
  if (strcmp(call, "execveat_path") == 0) execveat(AT_FDCWD, g_self, argv, environ, 0);
  if (strcmp(call, "execveat_dirfd") == 0) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", (int)(base - g_self), g_self);
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    execveat(dirfd, base, argv, environ, 0);
  }
  if (strcmp(call, "execveat_empty_path") == 0) {
    int fd = open(g_self, O_RDONLY | O_CLOEXEC);
    execveat(fd, "", argv, environ, AT_EMPTY_PATH);
  }
  return 4;
}

/* One child: through `call`, after `action` on `target`. */
static void one(const char* call, const char* action, int target,
                const char* target_name) {
  if (g_hangs >= 3) return;  /* broken enough; do not wait on every case */
  char tag[256];
  snprintf(tag, sizeof tag, "%s %s %s", call, action, target_name);
  fflush(stdout);
  const pid_t driver = fork();
  if (driver == 0) {
    setpgid(0, 0);
    if (strncmp(call, "posix_spawn", 11) != 0 || strcmp(action, "cloexec") == 0 ||
        strcmp(action, "close_range_cloexec") == 0) {
      disturb(action, target);
    }
    const int rc = start(call, tag, action, target);
    fflush(stdout);
    _exit(rc);
  }
  int status = 0;
  for (int i = 0; i < 1000; ++i) {
    if (waitpid(driver, &status, WNOHANG) == driver) {
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        printf("%s: status %d\n", tag,
               WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
      }
      return;
    }
    const struct timespec pause = {0, 10 * 1000 * 1000};
    nanosleep(&pause, NULL);
  }
  kill(-driver, SIGKILL);
  waitpid(driver, &status, 0);
  printf("%s: hung\n", tag);
  ++g_hangs;
}

static int wanted(const char* call, int count, char** calls) {
  if (count == 0) return 1;
  for (int i = 0; i < count; ++i) {
    if (strcmp(calls[i], call) == 0) return 1;
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 3 && strcmp(argv[1], "child") == 0) return child(argv[2]);
  if (argc < 3 || strcmp(argv[1], "run") != 0) {
    fprintf(stderr, "usage: spawn_probe run WRONG_LIB [CALL...] | child TAG\n");
    return 2;
  }
  static char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return 2;
  g_self = self;
  g_wrong_lib = argv[2];
  snprintf(g_wrong_dir, sizeof g_wrong_dir, "%s", g_wrong_lib);
  *strrchr(g_wrong_dir, '/') = '\0';
  /* execvp and friends search PATH for our base name. */
  char path[8192];
  snprintf(path, sizeof path, "%.*s:%s", (int)(strrchr(g_self, '/') - g_self),
           g_self, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
  setenv("PATH", path, 1);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return 2;
  g_pipe_read = pipe_fds[0];  /* the writer, pipe_fds[1], stays open here */
  fcntl(pipe_fds[1], F_SETFD, FD_CLOEXEC);

  const int n_fd = library_fd();
  if (n_fd < 0) {
    fprintf(stderr, "spawn_probe: no /proc/self/fd/N in LD_PRELOAD\n");
    return 2;
  }
  const struct { int fd; const char* name; } targets[] = {
      {n_fd, "N"}, {n_fd - 1, "N-1"}, {n_fd + 1, "N+1"}};
  static const char* const kExecs[] = {
      "execve", "execv", "execvp", "execvpe", "execl", "execlp", "execle",
      "fexecve", "execveat_path", "execveat_dirfd", "execveat_empty_path",
      "system", "popen"};
  static const char* const kDisturbances[] = {"close", "reuse", "pipe",
                                               "cloexec", "chdir"};
  static const char* const kSpawns[] = {"posix_spawn", "posix_spawnp"};
  static const char* const kActions[] = {"addopen", "adddup2", "addclose",
                                         "addclosefrom", "addchdir",
                                         "addfchdir", "cloexec"};
  char** calls = argv + 3;
  const int count = argc - 3;
  for (size_t c = 0; c < sizeof kExecs / sizeof *kExecs; ++c) {
    if (!wanted(kExecs[c], count, calls)) continue;
    one(kExecs[c], "plain", -1, "-");
    one(kExecs[c], "close_range_cloexec", -1, "3+");
    one(kExecs[c], "cloexec_loop", -1, "3+");
    for (size_t d = 0; d < sizeof kDisturbances / sizeof *kDisturbances; ++d) {
      for (size_t t = 0; t < 3; ++t) {
        one(kExecs[c], kDisturbances[d], targets[t].fd, targets[t].name);
      }
    }
  }
  for (size_t c = 0; c < sizeof kSpawns / sizeof *kSpawns; ++c) {
    if (!wanted(kSpawns[c], count, calls)) continue;
    one(kSpawns[c], "plain", -1, "-");
    one(kSpawns[c], "addclose_all", -1, "3+");
    one(kSpawns[c], "close_range_cloexec", -1, "3+");
    for (size_t a = 0; a < sizeof kActions / sizeof *kActions; ++a) {
      for (size_t t = 0; t < 3; ++t) {
        one(kSpawns[c], kActions[a], targets[t].fd, targets[t].name);
      }
    }
  }
  fflush(stdout);
  return 0;
}
