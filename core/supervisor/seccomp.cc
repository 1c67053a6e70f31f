#include "core/supervisor/seccomp.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

namespace smc {
namespace {

long seccomp_call(unsigned op, unsigned flags, void* args) {
  return syscall(SYS_seccomp, op, flags, args);
}

// Reads a decimal number at `text`, advancing it; -1 when there is none.
int read_number(std::string_view& text) {
  int value = -1;
  while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
    value = (value < 0 ? 0 : value * 10) + (text.front() - '0');
    if (value > 100000) return -1;
    text.remove_prefix(1);
  }
  return value;
}

std::string unavailable_because(int error) {
  switch (error) {
    case EOPNOTSUPP:
      return "this kernel has no seccomp user notification (Linux 5.0+)";
    case ENOSYS:
      return "seccomp(2) is not available here (ENOSYS: a kernel without "
             "seccomp filters, or a container profile that hides it)";
    case EPERM:
    case EACCES:
      return fmt::format(
          "seccomp(2) is refused here ({}: a container's seccomp profile or "
          "a security module forbids it)",
          error == EPERM ? "EPERM" : "EACCES");
    case EINVAL:
      return "this kernel cannot report seccomp actions (Linux 4.14+ can)";
    default:
      return fmt::format("seccomp(2) failed: {}", std::strerror(error));
  }
}

}  // namespace

bool kernel_at_least(std::string_view release, int major, int minor) {
  const int have_major = read_number(release);
  if (have_major < 0 || release.empty() || release.front() != '.') return false;
  release.remove_prefix(1);
  const int have_minor = read_number(release);
  if (have_minor < 0) return false;
  return have_major != major ? have_major > major : have_minor >= minor;
}

SeccompSupport probe_seccomp() {
  std::uint32_t action = SECCOMP_RET_USER_NOTIF;
  if (seccomp_call(SECCOMP_GET_ACTION_AVAIL, 0, &action) != 0) {
    return {false, unavailable_because(errno)};
  }
  utsname host{};
  if (uname(&host) == 0 && !kernel_at_least(host.release, 5, 9)) {
    return {false, fmt::format("Linux {} cannot hand sockets to a program "
                               "(SECCOMP_IOCTL_NOTIF_ADDFD, Linux 5.9+)",
                               host.release)};
  }
  return {true, ""};
}

Privileges read_privileges() {
  Privileges p;
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
  if (syscall(SYS_capget, &header, data) == 0) {
    p.cap_sys_admin = (data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective &
                       CAP_TO_MASK(CAP_SYS_ADMIN)) != 0;
  }
  p.no_new_privs = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1;
  p.filtered = prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER;
  return p;
}

Result<Installed> install_filter(const std::vector<sock_filter>& filter,
                                 bool set_no_new_privs) {
  if (set_no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return system_error(
        fmt::format("cannot set no_new_privs: {}", std::strerror(errno)));
  }
  sock_fprog program{static_cast<unsigned short>(filter.size()),
                     const_cast<sock_filter*>(filter.data())};
  unsigned flags = SECCOMP_FILTER_FLAG_NEW_LISTENER |
                   SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
  long listener = seccomp_call(SECCOMP_SET_MODE_FILTER, flags, &program);
  if (listener < 0 && errno == EINVAL) {
    // Before Linux 5.19: no WAIT_KILLABLE_RECV. Signals then interrupt
    // calls being answered; the supervisor copes (the call restarts).
    flags &= ~SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
    listener = seccomp_call(SECCOMP_SET_MODE_FILTER, flags, &program);
  }
  if (listener < 0 && errno == EBUSY) {
    // kernel/seccomp.c, has_duplicate_listener(): one listener per chain.
    return system_error(
        "this process already has a seccomp listener (an outer smc_run's "
        "supervisor or a container runtime's), and the kernel allows one");
  }
  if (listener < 0) {
    return system_error(
        fmt::format("cannot install the seccomp filter: {}", std::strerror(errno)));
  }
  return Installed{static_cast<int>(listener),
                   (flags & SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV) != 0};
}

}  // namespace smc
