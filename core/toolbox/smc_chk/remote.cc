#include "core/toolbox/smc_chk/remote.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/stat.h>

#include <cerrno>
#include <vector>

#include <fmt/format.h>

#include "base/smc_abi.h"
#include "core/common/fd.h"
#include "core/toolbox/smc_chk/live_steps.h"
#include "core/toolbox/smc_chk/loopback.h"

namespace smc {
namespace {

char pattern(std::size_t i) { return static_cast<char>(i * 7 + 1); }

class Test : LiveSteps {
 public:
  Test(const sockaddr_storage& peer, const std::string& text, std::chrono::milliseconds limit)
      : LiveSteps(limit), peer_(peer) {
    t_.remote = true;
    t_.address = text;
    t_.port = ntohs(peer.ss_family == AF_INET6
                        ? reinterpret_cast<const sockaddr_in6&>(peer).sin6_port
                        : reinterpret_cast<const sockaddr_in&>(peer).sin_port);
  }

  LiveTest run() {
    t_.ran = true;
    if (!connect_to_peer() || !exchange()) return t_;
    t_.bytes = kLoopbackBytes;
    look_up_in_smc_diag();
    return t_;
  }

 private:
  // Waits for `events` on the socket; false (with the reason) on timeout.
  bool wait(short events, const char* waiting_for) {
    while (true) {
      pollfd p = {fd_.get(), events, 0};
      const int ms = remaining_ms();
      if (ms == 0) return timed_out(waiting_for);
      const int n = poll(&p, 1, ms);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return failed("poll", errno);
      if (n > 0) return true;
    }
  }

  bool connect_to_peer() {
    const bool v6 = peer_.ss_family == AF_INET6;
    fd_.reset(socket(kAfSmc, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                     v6 ? kSmcProtoSmc6 : kSmcProtoSmc));
    if (fd_.get() < 0) return failed("socket(AF_SMC)", errno);
    const std::string to = fmt::format("connect to {}", endpoint());
    const socklen_t length = v6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    if (connect(fd_.get(), reinterpret_cast<const sockaddr*>(&peer_), length) == 0) return true;
    if (errno != EINPROGRESS) return failed(to, errno);
    // The SMC handshake runs in a kernel worker (smc_connect_work): the
    // socket turns writable when it is over, on SMC or on TCP.
    if (!wait(POLLOUT, "connection")) return false;
    int error = 0;
    socklen_t size = sizeof error;
    if (getsockopt(fd_.get(), SOL_SOCKET, SO_ERROR, &error, &size) < 0) {
      return failed("getsockopt(SO_ERROR)", errno);
    }
    return error == 0 || failed(to, error);
  }

  bool exchange() {
    std::size_t sent = 0;
    std::size_t received = 0;
    std::vector<char> out(kLoopbackBytes);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = pattern(i);
    std::vector<char> in(kLoopbackBytes);
    while (received < kLoopbackBytes) {
      const short events = static_cast<short>(POLLIN | (sent < out.size() ? POLLOUT : 0));
      if (!wait(events, "echo of the test data")) return false;
      if (sent < out.size()) {
        const ssize_t n = send(fd_.get(), out.data() + sent, out.size() - sent,
                               MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n > 0) sent += static_cast<std::size_t>(n);
        if (n < 0 && errno != EAGAIN && errno != EINTR) return failed("send", errno);
      }
      const ssize_t n = recv(fd_.get(), in.data() + received, in.size() - received, MSG_DONTWAIT);
      if (n == 0) {
        t_.error = fmt::format("{} closed the connection after echoing {} of {} bytes",
                               endpoint(), received, kLoopbackBytes);
        t_.error_number = ECONNRESET;
        return false;
      }
      if (n < 0 && errno != EAGAIN && errno != EINTR) return failed("receive", errno);
      for (std::size_t i = received; n > 0 && i < received + static_cast<std::size_t>(n); ++i) {
        if (in[i] != pattern(i)) {
          t_.error = fmt::format("{} echoed other bytes than were sent, at byte {}", endpoint(), i);
          t_.error_number = EBADMSG;
          return false;
        }
      }
      if (n > 0) received += static_cast<std::size_t>(n);
    }
    return true;
  }

  void look_up_in_smc_diag() {
    struct stat st{};
    if (fstat(fd_.get(), &st) < 0) {
      failed("fstat", errno);
      return;
    }
    const Result<std::vector<SmcSocket>> sockets = list_smc_sockets();
    if (!sockets) {
      t_.diag_error = sockets.error().message;
      return;
    }
    for (const SmcSocket& s : *sockets) {
      if (s.inode == st.st_ino) t_.client = s;
    }
  }

  std::string endpoint() const {
    return peer_.ss_family == AF_INET6 ? fmt::format("[{}]:{}", t_.address, t_.port)
                                       : fmt::format("{}:{}", t_.address, t_.port);
  }

  const sockaddr_storage peer_;
  Fd fd_;
};

}  // namespace

LiveTest run_remote_test(const sockaddr_storage& peer, const std::string& peer_text,
                         std::chrono::milliseconds limit) {
  return Test(peer, peer_text, limit).run();
}

}  // namespace smc
