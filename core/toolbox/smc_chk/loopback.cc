#include "core/toolbox/smc_chk/loopback.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include <fmt/format.h>

#include "base/smc_abi.h"
#include "core/common/fd.h"
#include "core/toolbox/smc_chk/live_steps.h"

namespace smc {
namespace {

// The bytes each side sends: different patterns, so that data looped back
// to its sender would not pass for the peer's.
char pattern(std::size_t i, bool from_client) {
  return static_cast<char>(from_client ? i * 7 + 1 : i * 13 + 5);
}

// One direction of the exchange, as seen by one socket.
struct Side {
  int fd;
  bool is_client;
  std::size_t sent = 0;
  std::size_t received = 0;
};

class Test : LiveSteps {
 public:
  explicit Test(std::chrono::milliseconds limit) : LiveSteps(limit) {}

  LiveTest run() {
    t_.ran = true;
    if (!listen_on_loopback() || !connect_and_accept() || !exchange()) return t_;
    t_.bytes = kLoopbackBytes;
    look_up_in_smc_diag();
    return t_;
  }

 private:
  bool listen_on_loopback() {
    listener_.reset(socket(kAfSmc, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, kSmcProtoSmc));
    if (listener_.get() < 0) return failed("socket(AF_SMC) for the server", errno);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) < 0) {
      return failed("bind to 127.0.0.1", errno);
    }
    if (listen(listener_.get(), 1) < 0) return failed("listen on 127.0.0.1", errno);
    socklen_t length = sizeof address;
    if (getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &length) < 0) {
      return failed("getsockname", errno);
    }
    address_ = address;
    t_.port = ntohs(address.sin_port);
    return true;
  }

  // The SMC handshake runs in kernel workers for both ends (smc_connect_work,
  // smc_listen_work): the client's socket turns writable and the listener
  // readable when it is over, whether it ended on SMC or on TCP.
  bool connect_and_accept() {
    client_.reset(socket(kAfSmc, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, kSmcProtoSmc));
    if (client_.get() < 0) return failed("socket(AF_SMC) for the client", errno);
    const std::string to = fmt::format("connect to 127.0.0.1:{}", t_.port);
    bool connected = false;
    if (connect(client_.get(), reinterpret_cast<const sockaddr*>(&address_), sizeof address_) ==
        0) {
      connected = true;
    } else if (errno != EINPROGRESS) {
      return failed(to, errno);
    }
    while (!connected || server_.get() < 0) {
      pollfd fds[2] = {{connected ? -1 : client_.get(), POLLOUT, 0},
                       {server_.get() >= 0 ? -1 : listener_.get(), POLLIN, 0}};
      const int ms = remaining_ms();
      if (ms == 0) return timed_out(connected ? "accepted connection" : "connection");
      if (poll(fds, 2, ms) < 0) {
        if (errno == EINTR) continue;
        return failed("poll", errno);
      }
      if (fds[0].revents != 0) {
        int error = 0;
        socklen_t length = sizeof error;
        if (getsockopt(client_.get(), SOL_SOCKET, SO_ERROR, &error, &length) < 0) {
          return failed("getsockopt(SO_ERROR)", errno);
        }
        if (error != 0) return failed(to, error);
        connected = true;
      }
      if (fds[1].revents != 0) {
        const int fd = accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
          server_.reset(fd);
        } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
          return failed("accept", errno);
        }
      }
    }
    return true;
  }

  // Moves what it can for `side`; false when the connection failed.
  bool step(Side& side, short revents) {
    if (revents == 0) return true;
    const char* who = side.is_client ? "client" : "server";
    if (side.sent < kLoopbackBytes) {
      std::vector<char> out(kLoopbackBytes - side.sent);
      for (std::size_t i = 0; i < out.size(); ++i) out[i] = pattern(side.sent + i, side.is_client);
      const ssize_t n = send(side.fd, out.data(), out.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n > 0) {
        side.sent += static_cast<std::size_t>(n);
      } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        return failed(fmt::format("{} send", who), errno);
      }
    }
    if (side.received < kLoopbackBytes) {
      std::vector<char> in(kLoopbackBytes - side.received);
      const ssize_t n = recv(side.fd, in.data(), in.size(), MSG_DONTWAIT);
      if (n == 0) {
        t_.error = fmt::format("the {} saw the connection closed after {} of {} bytes", who,
                               side.received, kLoopbackBytes);
        t_.error_number = ECONNRESET;
        return false;
      }
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        return failed(fmt::format("{} receive", who), errno);
      }
      for (ssize_t i = 0; i < n; ++i) {
        if (in[static_cast<std::size_t>(i)] != pattern(side.received + i, !side.is_client)) {
          t_.error = fmt::format("the {} received other bytes than were sent, at byte {}", who,
                                 side.received + i);
          t_.error_number = EBADMSG;
          return false;
        }
      }
      if (n > 0) side.received += static_cast<std::size_t>(n);
    }
    return true;
  }

  bool exchange() {
    Side client{client_.get(), true};
    Side server{server_.get(), false};
    const auto events = [](const Side& s) {
      return static_cast<short>((s.sent < kLoopbackBytes ? POLLOUT : 0) |
                                (s.received < kLoopbackBytes ? POLLIN : 0));
    };
    // A side with nothing left to do leaves the poll set: a hang-up on it
    // would otherwise wake poll at once, again and again.
    const auto fd_to_poll = [&](const Side& s) { return events(s) != 0 ? s.fd : -1; };
    while (client.received < kLoopbackBytes || server.received < kLoopbackBytes) {
      pollfd fds[2] = {{fd_to_poll(client), events(client), 0},
                       {fd_to_poll(server), events(server), 0}};
      const int ms = remaining_ms();
      if (ms == 0) return timed_out("complete exchange of data");
      if (poll(fds, 2, ms) < 0) {
        if (errno == EINTR) continue;
        return failed("poll", errno);
      }
      if (!step(client, fds[0].revents) || !step(server, fds[1].revents)) return false;
    }
    return true;
  }

  void look_up_in_smc_diag() {
    struct stat client_stat{};
    struct stat server_stat{};
    if (fstat(client_.get(), &client_stat) < 0 || fstat(server_.get(), &server_stat) < 0) {
      failed("fstat", errno);
      return;
    }
    // Both sockets are still open: SMC_DIAG lists them as they are now.
    const Result<std::vector<SmcSocket>> sockets = list_smc_sockets();
    if (!sockets) {
      t_.diag_error = sockets.error().message;
      return;
    }
    for (const SmcSocket& s : *sockets) {
      if (s.inode == client_stat.st_ino) t_.client = s;
      if (s.inode == server_stat.st_ino) t_.server = s;
    }
  }

  Fd listener_;
  Fd client_;
  Fd server_;
  sockaddr_in address_{};
};

}  // namespace

LiveTest run_loopback_test(std::chrono::milliseconds limit) {
  return Test(limit).run();
}

}  // namespace smc
