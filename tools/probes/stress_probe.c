/* Hooks under stress, for hooks_survive_signals_and_forks_test.sh: four
 * threads call socket() in a loop, a 1 ms timer calls socket() from its
 * signal handler, and the main thread forks 50 times; each child calls
 * socket() and execs true with an empty environment (the exec hooks' path).
 * A lock or heap use in the hooks would sooner or later deadlock a child
 * forked while another thread held it, or corrupt the heap. Prints
 * "ok FORKS SIGNALS" or what went wrong; exits 1 on failure. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static atomic_int stop;
static atomic_int signals;

static void make_sockets(void) {
  int tcp = socket(AF_INET, SOCK_STREAM, 0);
  int udp = socket(AF_INET, SOCK_DGRAM, 0);
  if (tcp >= 0) close(tcp);
  if (udp >= 0) close(udp);
}

static void on_alarm(int sig) {
  (void)sig;
  int saved = errno;
  make_sockets();
  atomic_fetch_add(&signals, 1);
  errno = saved;
}

static void* worker(void* arg) {
  (void)arg;
  while (!atomic_load(&stop)) make_sockets();
  return NULL;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval timer = {{0, 1000}, {0, 1000}};
  setitimer(ITIMER_REAL, &timer, NULL);

  pthread_t threads[4];
  for (int i = 0; i < 4; ++i) pthread_create(&threads[i], NULL, worker, NULL);

  int forks = 0;
  for (int i = 0; i < 50; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      make_sockets();
      char* argv[] = {"true", NULL};
      char* envp[] = {NULL};
      execve("/usr/bin/true", argv, envp);
      _exit(127);
    }
    if (pid < 0) {
      perror("fork");
      return 1;
    }
    double deadline = now() + 10;
    int status = 0;
    pid_t done = 0;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0 && now() < deadline) {
      usleep(1000);
    }
    if (done != pid) {
      printf("child %d hung after fork from a threaded parent\n", i);
      kill(pid, SIGKILL);
      return 1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      printf("child %d failed: status %d\n", i, status);
      return 1;
    }
    ++forks;
  }
  atomic_store(&stop, 1);
  for (int i = 0; i < 4; ++i) pthread_join(threads[i], NULL);
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  printf("ok %d %d\n", forks, atomic_load(&signals) > 0);
  return 0;
}
