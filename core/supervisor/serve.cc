#include "core/supervisor/serve.h"

#include <errno.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/log_line.h"
#include "core/supervisor/connection_answer.h"
#include "core/supervisor/target.h"

namespace smc {
namespace {

// Whether the alias ABI's calls work here: x32 is often compiled out or
// off (syscall.x32=n), and then the kernel fails them with ENOSYS, which
// a call we answered would not.
bool alias_works(const SyscallAbi& abi) {
  return abi.alias_bit != 0 && syscall(SYS_getpid | abi.alias_bit) > 0;
}

class Dispatcher {
 public:
  Dispatcher(Listener& listener, const Settings& settings, const SyscallAbi& abi,
             MakeSocketFn make_socket)
      : listener_(listener),
        settings_(settings),
        abi_(abi),
        alias_works_(alias_works(abi)),
        sockets_(listener, settings, make_socket),
        connections_(listener, settings) {}

  void handle(const seccomp_notif& n) {
    const std::uint32_t nr = static_cast<std::uint32_t>(n.data.nr);
    const bool alias = abi_.alias_bit != 0 && (nr & abi_.alias_bit) != 0;
    const std::uint32_t base = nr & ~abi_.alias_bit;
    const bool ours = n.data.arch == abi_.audit_arch && (!alias || alias_works_);
    if (ours && base == abi_.socket_nr) {
      sockets_.answer(n);
      return;
    }
    if (ours && settings_.filter_active && base == abi_.connect_nr) {
      connections_.answer_connect(n);
      return;
    }
    if (ours && settings_.filter_active && base == abi_.listen_nr) {
      connections_.answer_listen(n);
      return;
    }
    // Not a call this supervisor serves (the filter sends none such, or
    // an x32 call where x32 is off): it runs as it would without us.
    const TargetName who = settings_.debug ? read_target_name(n.pid) : TargetName{};
    listener_.run_call(n.id);
    if (!settings_.debug) return;
    LogLine(who.name, who.pid)
        .str("seccomp: system call ")
        .num(static_cast<long>(nr))
        .str(" is not one smc_run serves; it runs as it is")
        .emit();
  }

 private:
  Listener& listener_;
  const Settings& settings_;
  const SyscallAbi abi_;
  const bool alias_works_;
  SocketAnswerer sockets_;
  ConnectionAnswerer connections_;
};

}  // namespace

void serve(Listener& listener, const Settings& settings, const SyscallAbi& abi,
           MakeSocketFn make_socket) {
  Dispatcher dispatcher(listener, settings, abi, make_socket);
  pollfd p{listener.fd(), POLLIN, 0};
  for (;;) {
    p.revents = 0;
    if (poll(&p, 1, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if ((p.revents & POLLIN) != 0) {
      seccomp_notif n;
      const int error = listener.receive(&n);
      if (error == 0) {
        dispatcher.handle(n);
      } else if (error != ENOENT) {
        // Closing the listener (by returning) makes the kernel fail every
        // waiting and later call with ENOSYS: loud, but never a hang.
        if (settings.debug) {
          LogLine(true).str("seccomp supervisor stops: cannot read a notification: ")
              .error(error).emit();
        }
        return;
      }
      continue;
    }
    if ((p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) return;
  }
}

}  // namespace smc
