#include "core/supervisor/served_child_fixture.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/smc_abi.h"
#include "core/supervisor/fd_passing.h"
#include "core/supervisor/notification_loop.h"
#include "core/supervisor/seccomp.h"
#include "core/supervisor/seccomp_filter.h"

namespace smc::testing {

std::string serve_child(const char* const* env, bool connections, SupervisorKernel kernel,
                        Calls calls) {
  int channel[2];
  int report[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, channel) == 0);
  REQUIRE(pipe2(report, O_CLOEXEC) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const Result<Installed> installed =
        install_filter(build_filter(*native_abi(), {connections}), true);
    if (!installed || !send_fd(channel[1], installed->listener)) _exit(2);
    close(installed->listener);
    std::string out;
    calls(out);
    if (write(report[1], out.data(), out.size()) != static_cast<ssize_t>(out.size())) {
      _exit(3);
    }
    _exit(0);
  }
  close(channel[1]);
  close(report[1]);
  const int listener_fd = receive_fd(channel[0]);
  close(channel[0]);
  REQUIRE(listener_fd >= 0);
  const Settings settings = read_settings(env);
  std::thread server([&] {
    Listener listener(listener_fd);
    serve(listener, settings, *native_abi(), kernel);
  });
  std::string out;
  char buf[512];
  for (ssize_t n; (n = read(report[0], buf, sizeof buf)) > 0;) out.append(buf, n);
  close(report[0]);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  server.join();  // POLLHUP: the child, its only user, is gone
  close(listener_fd);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  return out;
}

int no_smc(int domain, int, int) {
  errno = domain == kAfSmc ? EAFNOSUPPORT : EPROTONOSUPPORT;
  return -1;
}

Result<std::vector<SmcSocket>> no_smc_diag() {
  return system_error("cannot list SMC sockets: this kernel has no SMC_DIAG");
}

Result<std::vector<SmcSocket>> tcp_as_smcd_diag() {
  std::vector<SmcSocket> sockets;
  for (const char* path : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream table(path);
    std::string line;
    std::getline(table, line);  // the heading
    while (std::getline(table, line)) {
      // sl local remote st tx:rx tr:when retrnsmt uid timeout inode
      std::istringstream fields(line);
      std::string sl, local, remote, state, queues, timer, retransmits;
      unsigned uid = 0, timeout = 0;
      std::uint64_t inode = 0;
      fields >> sl >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
          timeout >> inode;
      // include/net/tcp_states.h: 01 ESTABLISHED, 0A LISTEN.
      if (inode == 0 || (state != "01" && state != "0A")) continue;
      SmcSocket s;
      s.inode = inode;
      s.state = state == "01" ? kSmcActive : kSmcListen;
      s.mode = kSmcDiagModeSmcD;
      s.local = "*:" + std::to_string(std::stoul(local.substr(local.find(':') + 1), nullptr, 16));
      s.peer = "*:" + std::to_string(std::stoul(remote.substr(remote.find(':') + 1), nullptr, 16));
      sockets.push_back(s);
    }
  }
  return sockets;
}

}  // namespace smc::testing
