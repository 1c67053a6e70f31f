#include "core/toolbox/smc_chk/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/smc_abi.h"
#include "core/common/fd.h"
#include "core/toolbox/smc_chk/smc_chk.h"

namespace smc {
namespace {

using Clock = std::chrono::steady_clock;

// Ports tried after the first, as smc-tools looks for a free one.
constexpr int kPortsToTry = 100;
// Clients served at once; a client idle this long is let go.
constexpr std::size_t kMostClients = 64;
constexpr auto kIdleLimit = std::chrono::seconds(60);

volatile sig_atomic_t g_stop = 0;
void on_stop(int) { g_stop = 1; }

struct Client {
  Fd fd;
  std::string pending;  // received, not yet echoed
  Clock::time_point last_activity;
};

struct ListeningSocket {
  Fd fd;
  std::uint16_t port = 0;
  bool smc = true;  // AF_SMC, or plain TCP on a host without it
};

std::string peer_text(const sockaddr_storage& a) {
  char text[INET6_ADDRSTRLEN] = {};
  if (a.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    return fmt::format("[{}]:{}", text, ntohs(v6.sin6_port));
  }
  const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
  inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
  return fmt::format("{}:{}", text, ntohs(v4.sin_port));
}

// Binds `fd` to the wildcard address and the first free port from `first`.
Result<std::uint16_t> bind_free_port(int fd, bool ipv6, std::uint16_t first) {
  for (int port = first; port < first + kPortsToTry && port <= 65535; ++port) {
    sockaddr_storage a{};
    socklen_t length = sizeof(sockaddr_in);
    if (ipv6) {
      auto& v6 = reinterpret_cast<sockaddr_in6&>(a);
      v6.sin6_family = AF_INET6;
      v6.sin6_addr = in6addr_any;
      v6.sin6_port = htons(static_cast<std::uint16_t>(port));
      length = sizeof v6;
    } else {
      auto& v4 = reinterpret_cast<sockaddr_in&>(a);
      v4.sin_family = AF_INET;
      v4.sin_addr.s_addr = htonl(INADDR_ANY);
      v4.sin_port = htons(static_cast<std::uint16_t>(port));
    }
    if (bind(fd, reinterpret_cast<const sockaddr*>(&a), length) == 0) {
      return static_cast<std::uint16_t>(port);
    }
    if (errno != EADDRINUSE) {
      return system_error(fmt::format("cannot bind port {}: {}", port, errno_text(errno)));
    }
  }
  return system_error(fmt::format("no free port from {} to {}", first,
                                  std::min(65535, first + kPortsToTry - 1)));
}

Result<ListeningSocket> listen_for_clients(std::uint16_t first, bool ipv6,
                                    const std::function<void(std::string_view)>& print) {
  ListeningSocket l;
  const int flags = SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC;
  l.fd.reset(socket(kAfSmc, flags, ipv6 ? kSmcProtoSmc6 : kSmcProtoSmc));
  if (l.fd.get() < 0) {
    const int error = errno;
    if (error == EMFILE || error == ENFILE || error == ENOMEM || error == ENOBUFS) {
      return system_error(fmt::format("cannot make a socket: {}", errno_text(error)));
    }
    print(fmt::format("This host cannot make AF_SMC sockets: {}; serving plain TCP, so "
                      "clients will fall back with PEERNOSMC\n",
                      errno_text(error)));
    l.smc = false;
    l.fd.reset(socket(ipv6 ? AF_INET6 : AF_INET, flags, 0));
    if (l.fd.get() < 0) return system_error(fmt::format("cannot make a socket: {}", errno_text(errno)));
  }
  const int one = 1;
  setsockopt(l.fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  const Result<std::uint16_t> port = bind_free_port(l.fd.get(), ipv6, first);
  if (!port) return port.error();
  if (listen(l.fd.get(), 16) < 0) return system_error(fmt::format("cannot listen: {}", errno_text(errno)));
  l.port = *port;
  return l;
}

// "SMC-R over rxe0 port 1", "TCP 0x03010000 PEERNOSMC", from SMC_DIAG.
std::string what_it_used(int fd, bool smc) {
  if (!smc) return "TCP (this host has no SMC)";
  struct stat st{};
  if (fstat(fd, &st) < 0) return fmt::format("unknown (fstat: {})", errno_text(errno));
  const Result<std::vector<SmcSocket>> sockets = list_smc_sockets();
  if (!sockets) return "unknown (" + sockets.error().message + ")";
  for (const SmcSocket& s : *sockets) {
    if (s.inode == st.st_ino) return connection_text(s);
  }
  return "unknown (SMC_DIAG does not list it)";
}

void accept_clients(const ListeningSocket& l, std::vector<Client>& clients,
                    const std::function<void(std::string_view)>& print) {
  while (clients.size() < kMostClients) {
    sockaddr_storage from{};
    socklen_t length = sizeof from;
    const int fd = accept4(l.fd.get(), reinterpret_cast<sockaddr*>(&from), &length,
                           SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    print(fmt::format("connection from {}: {}\n", peer_text(from), what_it_used(fd, l.smc)));
    clients.push_back(Client{Fd(fd), std::string(), Clock::now()});
  }
}

// Echoes what a client sent; false when it is done or failed.
bool serve(Client& c, short revents) {
  if (revents & POLLIN) {
    char buffer[16384];
    const ssize_t n = recv(c.fd.get(), buffer, sizeof buffer, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return false;
    if (n > 0) c.pending.append(buffer, static_cast<std::size_t>(n));
  }
  if (!c.pending.empty()) {
    const ssize_t n = send(c.fd.get(), c.pending.data(), c.pending.size(),
                           MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EINTR) return false;
    if (n > 0) c.pending.erase(0, static_cast<std::size_t>(n));
  }
  if (revents & (POLLHUP | POLLERR)) return false;
  if (revents != 0) c.last_activity = Clock::now();
  return Clock::now() - c.last_activity < kIdleLimit;
}

}  // namespace

Result<Ok> run_server(std::uint16_t first_port, bool ipv6,
                      const std::function<void(std::string_view)>& print) {
  struct sigaction stop{};
  stop.sa_handler = on_stop;  // no SA_RESTART: poll returns at once
  sigaction(SIGINT, &stop, nullptr);
  sigaction(SIGTERM, &stop, nullptr);
  const Result<ListeningSocket> listener = listen_for_clients(first_port, ipv6, print);
  if (!listener) return listener.error();
  print(fmt::format("Server started on port {}\n", listener->port));
  std::vector<Client> clients;
  std::size_t served = 0;
  while (g_stop == 0) {
    std::vector<pollfd> fds = {{clients.size() < kMostClients ? listener->fd.get() : -1, POLLIN, 0}};
    for (const Client& c : clients) {
      fds.push_back({c.fd.get(), static_cast<short>(POLLIN | (c.pending.empty() ? 0 : POLLOUT)), 0});
    }
    if (poll(fds.data(), fds.size(), 1000) < 0 && errno != EINTR) {
      return system_error(fmt::format("poll: {}", errno_text(errno)));
    }
    for (std::size_t i = clients.size(); i > 0; --i) {
      if (!serve(clients[i - 1], fds[i].revents)) clients.erase(clients.begin() + static_cast<long>(i - 1));
    }
    if (fds[0].revents != 0) {
      const std::size_t before = clients.size();
      accept_clients(*listener, clients, print);
      served += clients.size() - before;
    }
  }
  print(fmt::format("Server stopped after {} connection{}\n", served, served == 1 ? "" : "s"));
  return Ok{};
}

}  // namespace smc
