#include "core/supervisor/serve_child.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "core/seccomp/seccomp.h"
#include "core/seccomp_filter/seccomp_filter.h"
#include "core/supervisor/serve.h"

namespace smc::testing {
namespace {

bool send_fd(int channel, int fd) {
  char byte = 'l';
  iovec data{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &data;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
  return sendmsg(channel, &msg, 0) == 1;
}

int receive_fd(int channel) {
  char byte;
  iovec data{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &data;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  if (recvmsg(channel, &msg, 0) != 1) return -1;
  int fd = -1;
  std::memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&msg)), sizeof fd);
  return fd;
}

}  // namespace

std::string serve_child(const char* const* env, bool connections, MakeSocketFn make,
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
    serve(listener, settings, *native_abi(), make);
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


}  // namespace smc::testing
