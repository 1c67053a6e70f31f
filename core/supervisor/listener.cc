#include "core/supervisor/listener.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>

namespace smc {
namespace {

// Linux 6.6 (include/uapi/linux/seccomp.h); Debian 12's headers predate it.
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

// An ioctl that the supervisor's (ignored) signals could interrupt.
int checked_ioctl(int fd, unsigned long request, void* arg) {
  int rc;
  do {
    rc = ioctl(fd, request, arg);
  } while (rc < 0 && errno == EINTR);
  return rc < 0 ? -errno : rc;
}

}  // namespace

bool Listener::sync_wake_up() {
  synchronous_ =
      ioctl(fd_, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP) == 0;
  return synchronous_;
}

bool Listener::hung_up() const {
  pollfd p{fd_, POLLIN, 0};
  return poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0 &&
         (p.revents & POLLIN) == 0;
}

int Listener::receive(seccomp_notif* out) {
  *out = seccomp_notif{};  // the kernel insists on a zeroed buffer
  const int rc = checked_ioctl(fd_, SECCOMP_IOCTL_NOTIF_RECV, out);
  return rc < 0 ? -rc : 0;
}

bool Listener::still_waiting(std::uint64_t id) {
  return checked_ioctl(fd_, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
}

int Listener::run_call(std::uint64_t id) {
  seccomp_notif_resp answer{};
  answer.id = id;
  answer.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
  const int rc = checked_ioctl(fd_, SECCOMP_IOCTL_NOTIF_SEND, &answer);
  return rc < 0 ? -rc : 0;
}

int Listener::fail_call(std::uint64_t id, int error) {
  seccomp_notif_resp answer{};
  answer.id = id;
  answer.error = -error;
  const int rc = checked_ioctl(fd_, SECCOMP_IOCTL_NOTIF_SEND, &answer);
  return rc < 0 ? -rc : 0;
}

int Listener::answer_with_fd(std::uint64_t id, int fd, bool cloexec) {
  seccomp_notif_addfd add{};
  add.id = id;
  add.srcfd = static_cast<std::uint32_t>(fd);
  add.newfd_flags = cloexec ? O_CLOEXEC : 0;
  if (atomic_send_) {
    add.flags = SECCOMP_ADDFD_FLAG_SEND;
    const int rc = checked_ioctl(fd_, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
    if (rc != -EINVAL) return rc;
    atomic_send_ = false;  // Linux 5.9 to 5.13: add, then answer
    add.flags = 0;
  }
  const int target_fd = checked_ioctl(fd_, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
  if (target_fd < 0) return target_fd;
  seccomp_notif_resp answer{};
  answer.id = id;
  answer.val = target_fd;
  const int rc = checked_ioctl(fd_, SECCOMP_IOCTL_NOTIF_SEND, &answer);
  // The task went away after the fd was added: it is closed with the task
  // (or, if a signal interrupted the call, stays unused in it).
  return rc < 0 ? rc : target_fd;
}

int Listener::put_fd(std::uint64_t id, int fd, int target_fd, bool cloexec) {
  seccomp_notif_addfd add{};
  add.id = id;
  add.flags = SECCOMP_ADDFD_FLAG_SETFD;
  add.srcfd = static_cast<std::uint32_t>(fd);
  add.newfd = static_cast<std::uint32_t>(target_fd);
  add.newfd_flags = cloexec ? O_CLOEXEC : 0;
  const int rc = checked_ioctl(fd_, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
  return rc < 0 ? rc : 0;
}

}  // namespace smc
