/* Runs a command as on a host whose kernel makes IPPROTO_SMC sockets,
 * whatever this one has: socket(family, type, IPPROTO_SMC) gets a plain
 * TCP socket socket(family, type, 0), which this process makes and hands
 * over through a seccomp listener (seccomp_unotify(2): ADDFD with
 * SECCOMP_ADDFD_FLAG_SEND, Linux 5.14+); every other call passes. For
 * tests that must get past smc_run's IPPROTO_SMC probe on a host without
 * SMC: nothing made so is SMC. The command's tree then has a listener in
 * its filter chain, so a second one (smc_run's supervisor, the command's
 * own) is refused with EBUSY (kernel/seccomp.c, has_duplicate_listener).
 * x86_64 system calls only (the host tests'); exits with the command's
 * status. Usage: with_ipproto_smc COMMAND... */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define IPPROTO_SMC 256   /* include/uapi/linux/in.h, Linux 6.11 */
#define ARG(n) offsetof(struct seccomp_data, args[n]) /* low 32 bits on x86_64 */

/* In the child: the filter, its listener sent to the parent over `sock`. */
static int install_and_send(int sock) {
  struct sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(2)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_SMC, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {sizeof code / sizeof code[0], code};
  /* As root no no_new_privs is needed, and none is set: the command's
   * privileges stay as they were. */
  const int listener = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                                    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
  if (listener < 0) {
    perror("with_ipproto_smc: seccomp");
    return -1;
  }
  char space[CMSG_SPACE(sizeof(int))] = {0};
  char byte = 'l';
  struct iovec iov = {&byte, 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = space,
                       .msg_controllen = sizeof space};
  struct cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &listener, sizeof(int));
  if (sendmsg(sock, &msg, 0) != 1) {
    perror("with_ipproto_smc: sendmsg");
    return -1;
  }
  close(listener);
  return 0;
}

static int receive_listener(int sock) {
  char space[CMSG_SPACE(sizeof(int))] = {0};
  char byte;
  struct iovec iov = {&byte, 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = space,
                       .msg_controllen = sizeof space};
  if (recvmsg(sock, &msg, 0) != 1) return -1;
  struct cmsghdr* c = CMSG_FIRSTHDR(&msg);
  if (c == NULL || c->cmsg_type != SCM_RIGHTS) return -1;
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof(int));
  return fd;
}

/* One socket(..., IPPROTO_SMC) answered with a TCP socket, or its errno. */
static void answer(int listener) {
  struct seccomp_notif req;
  memset(&req, 0, sizeof req); /* the kernel wants it zeroed */
  if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) return;
  const int type = (int)req.data.args[1];
  const int fd = socket((int)req.data.args[0], type, 0);
  if (fd >= 0) {
    struct seccomp_notif_addfd add = {.id = req.id, .flags = SECCOMP_ADDFD_FLAG_SEND,
                                      .srcfd = (unsigned)fd,
                                      .newfd_flags = (type & SOCK_CLOEXEC) ? O_CLOEXEC : 0};
    /* Fails only when the caller is gone: then nobody waits. */
    ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
    close(fd);
    return;
  }
  struct seccomp_notif_resp resp = {.id = req.id, .error = -errno};
  ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: with_ipproto_smc COMMAND...\n");
    return 2;
  }
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    perror("with_ipproto_smc: socketpair");
    return 125;
  }
  const pid_t child = fork();
  if (child < 0) {
    perror("with_ipproto_smc: fork");
    return 125;
  }
  if (child == 0) {
    close(pair[0]);
    if (install_and_send(pair[1]) != 0) _exit(125);
    execvp(argv[1], argv + 1);
    perror(argv[1]);
    _exit(127);
  }
  close(pair[1]);
  const int listener = receive_listener(pair[0]);
  /* The child's end: readable when it ends (pidfd_open(2), Linux 5.3),
   * while the filter still counts it until it is reaped. */
  const int ended = (int)syscall(SYS_pidfd_open, child, 0);
  if (listener >= 0 && ended >= 0) {
    struct pollfd fds[2] = {{listener, POLLIN, 0}, {ended, POLLIN, 0}};
    for (;;) {
      if (poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (fds[1].revents != 0) break;
      if (fds[0].revents & POLLIN) answer(listener);
      if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) break;
    }
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
