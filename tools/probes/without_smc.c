/* Runs a command as on a host whose kernel has no SMC, whatever this one
 * has: socket(AF_SMC, ...) fails with EAFNOSUPPORT and socket(..., ...,
 * IPPROTO_SMC) with EPROTONOSUPPORT, as they do without the smc module;
 * every other call is allowed. x86_64 system calls only (the host tests').
 * Usage: without_smc COMMAND... */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define AF_SMC 43         /* include/linux/socket.h */
#define IPPROTO_SMC 256   /* include/uapi/linux/in.h, Linux 6.11 */
#define ARG(n) offsetof(struct seccomp_data, args[n]) /* low 32 bits on x86_64 */

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: without_smc COMMAND...\n");
    return 2;
  }
  struct sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(0)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_SMC, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAFNOSUPPORT),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(2)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_SMC, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPROTONOSUPPORT),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {sizeof code / sizeof code[0], code};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
    perror("without_smc");
    return 125;
  }
  execvp(argv[1], argv + 1);
  perror(argv[1]);
  return 127;
}
