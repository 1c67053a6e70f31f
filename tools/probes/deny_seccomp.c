/* Runs a command as a container whose seccomp profile refuses seccomp(2)
 * would: every seccomp() call fails with the errno given (EPERM, ENOSYS),
 * every other call is allowed. With "none" for ERRNO, nothing is refused:
 * the command runs under a filter unrelated to smc_run's.
 * Usage: deny_seccomp ERRNO|none COMMAND... */
#include <string.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: deny_seccomp ERRNO COMMAND...\n");
    return 2;
  }
  const unsigned error = (unsigned)atoi(argv[1]);
  const unsigned refused = strcmp(argv[1], "none") == 0 ? ~0u : SYS_seccomp;
  struct sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, refused, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (error & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {sizeof code / sizeof code[0], code};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
    perror("deny_seccomp");
    return 125;
  }
  execvp(argv[2], argv + 2);
  perror(argv[2]);
  return 127;
}
