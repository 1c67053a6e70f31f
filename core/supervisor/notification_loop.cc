#include "core/supervisor/notification_loop.h"

#include <errno.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <vector>

#include "base/log_line.h"
#include "core/supervisor/connection_answer.h"
#include "core/supervisor/served_call.h"
#include "core/supervisor/served_processes.h"
#include "core/supervisor/socket_answer.h"
#include "core/supervisor/target.h"

namespace smc {
namespace {

using Clock = std::chrono::steady_clock;

// Whether the alias ABI's calls work here: x32 is often compiled out or
// off (syscall.x32=n), and then the kernel fails them with ENOSYS, which
// a call we answered would not.
bool alias_works(const SyscallAbi& abi) {
  return abi.alias_bit != 0 && syscall(SYS_getpid | abi.alias_bit) > 0;
}

class Dispatcher {
 public:
  Dispatcher(Listener& listener, const Settings& settings, const SyscallAbi& abi,
             SupervisorKernel kernel)
      : listener_(listener),
        settings_(settings),
        abi_(abi),
        alias_works_(alias_works(abi)),
        outcomes_(wants_outcomes(settings)),
        sockets_(listener, settings, kernel.make_socket),
        connections_(listener, settings),
        watch_(kernel.list_smc_sockets, settings.debug) {}

  void handle(const seccomp_notif& n) {
    const std::uint32_t nr = static_cast<std::uint32_t>(n.data.nr);
    // The native ABI's, or a 32-bit program's (i386 on x86_64).
    const SyscallAbi* abi = abi_of_arch(abi_, n.data.arch);
    const bool alias = abi == &abi_ && abi_.alias_bit != 0 && (nr & abi_.alias_bit) != 0;
    const bool ours = abi != nullptr && (!alias || alias_works_);
    const TargetName who =
        settings_.debug || outcomes_ ? read_target_name(n.pid) : TargetName{};
    ServedCallKind kind =
        ours ? served_call_kind(*abi, alias ? nr & ~abi_.alias_bit : nr) : ServedCallKind::kOther;
    ServedCallArgs args{{n.data.args[0], n.data.args[1], n.data.args[2]}};
    if (kind == ServedCallKind::kSocketcall) {
      kind = socketcall_kind(n.data.args[0]);
      if (kind != ServedCallKind::kOther && !read_socketcall(n, *abi, who, kind, &args)) return;
    }
    const bool filtered = settings_.filter_active;
    if (kind == ServedCallKind::kSocket) {
      // An entry whose process ended unseen, its pid now another's.
      if (outcomes_ && served_.exited(who.pid)) ended(who.pid);
      ServedProcess* process = outcomes_ ? served_.note(who) : nullptr;
      if (outcomes_ && process == nullptr) untracked(who, errno);
      // Before answering: what became of its earlier connections is seen
      // while they are open, even in a program that looks away at once.
      if (process != nullptr) watch_.look(served_, process);
      sockets_.answer(n, args, who, process);
    } else if (filtered && kind == ServedCallKind::kConnect) {
      connections_.answer_connect(n, args, who);
    } else if (filtered && kind == ServedCallKind::kListen) {
      connections_.answer_listen(n, args, who);
    } else {
      unserved(n, who, nr);
    }
  }

  // Every kLookInterval while a process has SMC sockets to look at.
  int poll_timeout_ms() {
    if (!outcomes_ || !watch_.wanted(served_)) return -1;
    const auto now = Clock::now();
    if (next_look_ <= now) next_look_ = now + kLookInterval;
    return static_cast<int>(
        std::chrono::ceil<std::chrono::milliseconds>(next_look_ - now).count());
  }

  void look_if_due() {
    if (!outcomes_ || Clock::now() < next_look_ || !watch_.wanted(served_)) return;
    watch_.look(served_, nullptr);
    next_look_ = Clock::now() + kLookInterval;
  }

  void poll_set(std::vector<pollfd>& fds, std::vector<long>& pids) const {
    served_.poll_set(fds, pids);
  }

  // Whether a served process has exited, its summary not yet written
  // (`fds` from poll_set: fds[0] is the listener's).
  static bool summaries_due(const std::vector<pollfd>& fds) {
    for (std::size_t i = 1; i < fds.size(); ++i) {
      pollfd p{fds[i].fd, POLLIN, 0};
      if (poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0) return true;
    }
    return false;
  }

  // Process `pid` has exited: its summary, then nothing more of it.
  void ended(long pid) {
    ServedProcess* p = served_.find(pid);
    if (p == nullptr) return;
    const SummaryCounts& c = p->counts;
    if (c.sockets > 0 || connections(c) > 0) {
      write_summary(c, settings_, p->who.name, p->pid);
    }
    served_.remove(pid);
  }

  // No process uses the filter any more.
  void all_ended() {
    std::vector<pollfd> fds;
    std::vector<long> pids;
    served_.poll_set(fds, pids);
    for (const long pid : pids) ended(pid);
    write_untracked(served_.untracked(), settings_, "smc_run-seccomp", getpid());
  }

 private:
  // `who` could not be kept track of (`error` from pidfd_open: EMFILE
  // past the supervisor's raised limit, ENOMEM): its summary will be
  // missing, and that is said once for it, and counted for the end.
  void untracked(const TargetName& who, int error) {
    if (error == ESRCH || !served_.count_untracked(who.pid)) return;  // gone: nothing lost
    if (!settings_.debug && !settings_.summary) return;
    LogLine(who.name, who.pid)
        .str("seccomp: cannot keep track of this process: pidfd_open: ")
        .error(error)
        .str("; no summary for it")
        .emit();
  }

  // socketcall's argument block, read from the caller into `args`: as
  // many words as the kernel will read for `kind`, no more. False when it
  // cannot be read (a bad pointer, a caller gone): the call then runs as
  // it is, and the kernel fails it as it would without us.
  bool read_socketcall(const seccomp_notif& n, const SyscallAbi& abi, const TargetName& who,
                       ServedCallKind kind, ServedCallArgs* args) {
    unsigned char block[kSocketcallBlockMax];
    const int words = socketcall_words(kind);
    const std::uint64_t address = socketcall_block_address(abi, n.data.args[1]);
    if (read_target_memory(n.pid, address, block, words * abi.long_size)) {
      *args = decode_socketcall_block(abi, block, words);
      return true;
    }
    const int error = errno;
    listener_.run_call(n.id);
    if (settings_.debug) {
      LogLine(who.name, who.pid)
          .str("seccomp: socketcall(")
          .num(static_cast<long>(static_cast<std::uint32_t>(n.data.args[0])))
          .str("): cannot read its arguments: ")
          .error(error)
          .str("; it runs as it is")
          .emit();
    }
    return false;
  }

  // Not a call this supervisor serves (the filter sends none such, or an
  // x32 call where x32 is off): it runs as it would without us.
  void unserved(const seccomp_notif& n, const TargetName& who, std::uint32_t nr) {
    listener_.run_call(n.id);
    if (!settings_.debug) return;
    LogLine(who.name, who.pid)
        .str("seccomp: system call ")
        .num(static_cast<long>(nr))
        .str(" is not one smc_run serves; it runs as it is")
        .emit();
  }

  Listener& listener_;
  const Settings& settings_;
  const SyscallAbi abi_;
  const bool alias_works_;
  const bool outcomes_;
  SocketAnswerer sockets_;
  ConnectionAnswerer connections_;
  ServedProcesses served_;
  OutcomeWatch watch_;
  Clock::time_point next_look_{};
};

// A notification could not be read. Closing the listener, by returning,
// makes the kernel fail every waiting and later call with ENOSYS: loud, but
// never a hang.
void say_stop(bool debug, int error) {
  if (!debug) return;
  LogLine(true).str("seccomp supervisor stops: cannot read a notification: ").error(error).emit();
}

// Reads and answers one notification; false when the listener failed.
bool receive_one(Listener& listener, Dispatcher& dispatcher, bool debug) {
  seccomp_notif n;
  const int error = listener.receive(&n);
  if (error == 0) {
    dispatcher.handle(n);
  } else if (error != ENOENT) {
    say_stop(debug, error);
    return false;
  }
  return true;
}

// The sooner of the dispatcher's next look and the stderr hold's next
// check; -1 (no timeout) when neither wants one.
int timeout_ms(Dispatcher& dispatcher, const StderrHold* hold) {
  const int look = dispatcher.poll_timeout_ms();
  const int check = hold != nullptr ? hold->check_interval_ms() : -1;
  if (look < 0) return check;
  return check < 0 || look < check ? look : check;
}

// The loop when nothing but notifications is waited for: the receive
// itself waits, one system call fewer per notification than poll() and
// then receive (tools/bench shows what a round trip costs).
void serve_notifications(Listener& listener, Dispatcher& dispatcher, bool debug) {
  for (;;) {
    seccomp_notif n;
    const int error = listener.receive(&n);
    if (error == 0) {
      dispatcher.handle(n);
    } else if (error != ENOENT) {
      say_stop(debug, error);
      return;
    } else if (listener.hung_up()) {
      return;  // else its caller was gone before it was read
    }
  }
}

}  // namespace

void serve(Listener& listener, const Settings& settings, const SyscallAbi& abi,
           SupervisorKernel kernel, StderrHold* hold) {
  Dispatcher dispatcher(listener, settings, abi, kernel);
  if (!wants_outcomes(settings) && listener.receive_ends_at_hangup()) {
    serve_notifications(listener, dispatcher, settings.debug);
    return;
  }
  std::vector<pollfd> fds;
  std::vector<long> pids;  // of fds[1...]
  for (;;) {
    fds.assign(1, pollfd{listener.fd(), POLLIN, 0});
    pids.clear();
    dispatcher.poll_set(fds, pids);
    // After the last round's exits were summarized: a summary due now
    // keeps stderr for the next round.
    if (hold != nullptr && hold->due()) hold->check(pids, dispatcher.summaries_due(fds));
    const int ready = poll(fds.data(), fds.size(), timeout_ms(dispatcher, hold));
    if (ready < 0 && errno != EINTR) break;
    dispatcher.look_if_due();
    if (ready <= 0) continue;
    if ((fds[0].revents & POLLIN) != 0) {
      if (!receive_one(listener, dispatcher, settings.debug)) break;
      continue;  // notifications first; exits are seen on the next round
    }
    for (std::size_t i = 1; i < fds.size(); ++i) {
      if (fds[i].revents != 0) dispatcher.ended(pids[i - 1]);
    }
    if ((fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) break;
  }
  dispatcher.all_ended();
}

}  // namespace smc
