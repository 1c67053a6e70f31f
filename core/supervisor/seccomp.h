// The kernel side of the seccomp mechanism, for the launcher: can this
// process use seccomp user notification, may it install a filter without
// no_new_privs, and installing the filter with its listener.
//
// Needed: SECCOMP_RET_USER_NOTIF (Linux 5.0), SECCOMP_IOCTL_NOTIF_ADDFD
// (5.9; its atomic SECCOMP_ADDFD_FLAG_SEND, 5.14, is used where the kernel
// has it) and SECCOMP_USER_NOTIF_FLAG_CONTINUE (5.5). Used where present:
// SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (5.19), so that a signal (Go
// preempts its threads with SIGURG) no longer interrupts a call the
// supervisor is already answering.
#pragma once

#include <linux/filter.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace smc {

struct SeccompSupport {
  bool user_notif = false;
  std::string why_not;  // one phrase, when !user_notif
};

// Asks the kernel (seccomp(SECCOMP_GET_ACTION_AVAIL) for
// SECCOMP_RET_USER_NOTIF, and the release for ADDFD), so that a container
// profile that refuses seccomp(2) is seen too.
SeccompSupport probe_seccomp();

// Whether uname's `release` ("6.18.44-fc", "5.10.0-21-amd64") is at least
// major.minor; false when it cannot be read.
bool kernel_at_least(std::string_view release, int major, int minor);

struct Privileges {
  bool cap_sys_admin = false;  // may install a filter without no_new_privs
  bool no_new_privs = false;   // already set (by a parent, systemd...)
  bool filtered = false;       // already under some seccomp filter
};

Privileges read_privileges();

struct Installed {
  int listener;        // close-on-exec, as the kernel makes it
  bool wait_killable;  // SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV took
};

// Installs `filter` on this (single-threaded) process with a new listener,
// after setting no_new_privs when `set_no_new_privs`. Irreversible: the
// filter stays for this process and everything it starts.
Result<Installed> install_filter(const std::vector<sock_filter>& filter,
                                 bool set_no_new_privs);

}  // namespace smc
