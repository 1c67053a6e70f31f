// The supervisor's end of a seccomp filter: the listener descriptor and
// its ioctls (seccomp_unotify(2), kernel/seccomp.c). Every notification
// received must get exactly one answer: the call's result, an error, or
// "run the call as it is" (CONTINUE); a task that was killed meanwhile
// needs none (the ioctls then fail with ENOENT).
#pragma once

#include <linux/seccomp.h>

#include <cstdint>

namespace smc {

class Listener {
 public:
  explicit Listener(int fd) : fd_(fd) {}

  int fd() const { return fd_; }

  // Asks the kernel to wake the supervisor on the caller's CPU (Linux
  // 6.6+, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP): a round trip then costs
  // less. False where the kernel has no such flag; nothing else changes.
  bool sync_wake_up();

  // Whether receive() may wait by itself: from Linux 6.6, which brought
  // the flag above, a waiting SECCOMP_IOCTL_NOTIF_RECV also ends, with
  // ENOENT, once no task uses the filter (kernel/seccomp.c,
  // recv_wait_event); before, only poll() saw that (POLLHUP). True after
  // sync_wake_up() worked.
  bool receive_ends_at_hangup() const { return synchronous_; }

  // Whether no task uses the filter any more (POLLHUP), without waiting.
  bool hung_up() const;

  // The next notification into *out. 0, or an errno: ENOENT when its task
  // went away before it could be read (then there is nothing to answer).
  int receive(seccomp_notif* out);

  // Whether notification `id` still waits for its answer: its task is
  // alive and blocked in that call, so what was read about it (its
  // memory, its /proc files) was read from that task.
  bool still_waiting(std::uint64_t id);

  // Lets the task's own call run (SECCOMP_USER_NOTIF_FLAG_CONTINUE). 0 or
  // an errno.
  int run_call(std::uint64_t id);

  // The call returns -1 with errno `error`. 0 or an errno.
  int fail_call(std::uint64_t id, int error);

  // Installs `fd` in the task as the call's result (the lowest free
  // number, close-on-exec if asked) and answers with that number: the
  // target's descriptor number, or -errno. On failure other than ENOENT
  // the notification still waits for an answer.
  int answer_with_fd(std::uint64_t id, int fd, bool cloexec);

  // Puts `fd` in the task on descriptor number `target_fd`, closing what
  // was there (SECCOMP_ADDFD_FLAG_SETFD), without answering. 0 or -errno.
  int put_fd(std::uint64_t id, int fd, int target_fd, bool cloexec);

 private:
  int fd_;
  // SECCOMP_ADDFD_FLAG_SEND (Linux 5.14+); false after the kernel refused it.
  bool atomic_send_ = true;
  bool synchronous_ = false;
};

}  // namespace smc
