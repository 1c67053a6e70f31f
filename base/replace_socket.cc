#include "base/replace_socket.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/smc_abi.h"

namespace smc {
namespace {

enum class Copy : unsigned char {
  kAsIs,
  kHalved,  // SO_SNDBUF/SO_RCVBUF: the kernel stores twice what it is given
};

struct Option {
  int level;
  int name;
  const char* text;
  Copy copy;
  bool ipv6_only;  // only on AF_INET6 sockets
};

// What programs set between socket() and connect()/listen(). Options that
// cannot be read back (filters) or only matter once connected are left out.
constexpr Option kOptions[] = {
    {SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR", Copy::kAsIs, false},
    {SOL_SOCKET, SO_REUSEPORT, "SO_REUSEPORT", Copy::kAsIs, false},
    {SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE", Copy::kAsIs, false},
    {SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF", Copy::kHalved, false},
    {SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF", Copy::kHalved, false},
    {SOL_SOCKET, SO_LINGER, "SO_LINGER", Copy::kAsIs, false},
    {SOL_SOCKET, SO_RCVTIMEO, "SO_RCVTIMEO", Copy::kAsIs, false},
    {SOL_SOCKET, SO_SNDTIMEO, "SO_SNDTIMEO", Copy::kAsIs, false},
    {SOL_SOCKET, SO_RCVLOWAT, "SO_RCVLOWAT", Copy::kAsIs, false},
    {SOL_SOCKET, SO_PRIORITY, "SO_PRIORITY", Copy::kAsIs, false},
    {SOL_SOCKET, SO_MARK, "SO_MARK", Copy::kAsIs, false},
    {SOL_SOCKET, SO_BINDTODEVICE, "SO_BINDTODEVICE", Copy::kAsIs, false},
    {SOL_SOCKET, SO_OOBINLINE, "SO_OOBINLINE", Copy::kAsIs, false},
    {SOL_SOCKET, SO_DONTROUTE, "SO_DONTROUTE", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_CORK, "TCP_CORK", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_KEEPINTVL, "TCP_KEEPINTVL", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_KEEPCNT, "TCP_KEEPCNT", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_USER_TIMEOUT, "TCP_USER_TIMEOUT", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_CONGESTION, "TCP_CONGESTION", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_MAXSEG, "TCP_MAXSEG", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_SYNCNT, "TCP_SYNCNT", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_LINGER2, "TCP_LINGER2", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_WINDOW_CLAMP, "TCP_WINDOW_CLAMP", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_DEFER_ACCEPT, "TCP_DEFER_ACCEPT", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_FASTOPEN, "TCP_FASTOPEN", Copy::kAsIs, false},
    {IPPROTO_TCP, TCP_NOTSENT_LOWAT, "TCP_NOTSENT_LOWAT", Copy::kAsIs, false},
    {IPPROTO_IP, IP_TOS, "IP_TOS", Copy::kAsIs, false},
    {IPPROTO_IP, IP_TTL, "IP_TTL", Copy::kAsIs, false},
    {IPPROTO_IP, IP_FREEBIND, "IP_FREEBIND", Copy::kAsIs, false},
    {IPPROTO_IP, IP_TRANSPARENT, "IP_TRANSPARENT", Copy::kAsIs, false},
    {IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, "IP_BIND_ADDRESS_NO_PORT", Copy::kAsIs, false},
    // Before the socket is bound, as V6ONLY decides what bind() takes.
    {IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY", Copy::kAsIs, true},
    {IPPROTO_IPV6, IPV6_TCLASS, "IPV6_TCLASS", Copy::kAsIs, true},
    {IPPROTO_IPV6, IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS", Copy::kAsIs, true},
    {IPPROTO_IPV6, IPV6_FREEBIND, "IPV6_FREEBIND", Copy::kAsIs, true},
    {IPPROTO_IPV6, IPV6_TRANSPARENT, "IPV6_TRANSPARENT", Copy::kAsIs, true},
};
constexpr int kOptionCount = sizeof kOptions / sizeof kOptions[0];

struct Value {
  socklen_t length;
  unsigned char bytes[32];  // the largest: a timeval, an interface or
                            // congestion control name (16 bytes)
};

bool read_option(int fd, const Option& option, Value* value) {
  value->length = sizeof value->bytes;
  memset(value->bytes, 0, sizeof value->bytes);
  return getsockopt(fd, option.level, option.name, value->bytes, &value->length) == 0 &&
         value->length <= sizeof value->bytes;
}

int read_int(int fd, int level, int name) {
  int value = -1;
  socklen_t length = sizeof value;
  if (getsockopt(fd, level, name, &value, &length) != 0) return -1;
  return value;
}

bool is_bound(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    sockaddr_in in;
    memcpy(&in, &address, sizeof in);
    return in.sin_port != 0 || in.sin_addr.s_addr != htonl(INADDR_ANY);
  }
  if (address.ss_family == AF_INET6) {
    sockaddr_in6 in6;
    memcpy(&in6, &address, sizeof in6);
    static const in6_addr any = IN6ADDR_ANY_INIT;
    return in6.sin6_port != 0 || memcmp(&in6.sin6_addr, &any, sizeof any) != 0;
  }
  return false;
}

Replacement failure(Replacement r, const char* step, int error) {
  r.step = step;
  r.error = error;
  return r;
}

// What replace() learns of the old socket before touching anything.
struct OldSocket {
  int domain, type, protocol;
  int family;  // of the TCP socket to make: AF_INET or AF_INET6
  sockaddr_storage local;
  socklen_t local_length;
  bool bound;
  int status_flags;  // F_GETFL
  int fd_flags;      // F_GETFD
};

// Fills *old; on failure names the call that failed in r.
bool read_old_socket(int fd, OldSocket* old, Replacement* r) {
  old->domain = read_int(fd, SOL_SOCKET, SO_DOMAIN);
  old->type = read_int(fd, SOL_SOCKET, SO_TYPE);
  old->protocol = read_int(fd, SOL_SOCKET, SO_PROTOCOL);
  if (old->domain < 0 || old->type < 0 || old->protocol < 0) {
    *r = failure(*r, "getsockopt", errno);
    return false;
  }
  old->family = old->domain;
  if (old->domain == kAfSmc) old->family = old->protocol == kSmcProtoSmc6 ? AF_INET6 : AF_INET;
  if ((old->family != AF_INET && old->family != AF_INET6) || old->type != SOCK_STREAM) {
    *r = failure(*r, "getsockopt", EAFNOSUPPORT);
    return false;
  }
  // Data may have moved already: not ours to swap any more.
  sockaddr_storage peer{};
  socklen_t peer_length = sizeof peer;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) == 0 ||
      read_int(fd, SOL_SOCKET, SO_ACCEPTCONN) == 1) {
    *r = failure(*r, "getpeername", EISCONN);
    return false;
  }
  old->local_length = sizeof old->local;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&old->local), &old->local_length) != 0) {
    *r = failure(*r, "getsockname", errno);
    return false;
  }
  old->bound = is_bound(old->local);
  old->status_flags = fcntl(fd, F_GETFL);
  old->fd_flags = fcntl(fd, F_GETFD);
  if (old->status_flags < 0 || old->fd_flags < 0) {
    *r = failure(*r, "fcntl", errno);
    return false;
  }
  return true;
}

// The options of the old socket that differ from a fresh socket of its
// kind: the program set them (or we did, for SMC_SNDBUF/SMC_RCVBUF).
// Returns how many, -1 when no fresh socket could be made.
int differing_options(int fd, const OldSocket& old, MakeSocketFn make_socket,
                      int pending[kOptionCount], Value values[kOptionCount]) {
  const int fresh = make_socket(old.domain, old.type | SOCK_CLOEXEC, old.protocol);
  if (fresh < 0) return -1;
  int count = 0;
  for (int k = 0; k < kOptionCount; ++k) {
    const Option& option = kOptions[k];
    if (option.ipv6_only && old.family != AF_INET6) continue;
    Value old_value, fresh_value;
    if (!read_option(fd, option, &old_value)) continue;
    if (read_option(fresh, option, &fresh_value) &&
        fresh_value.length == old_value.length &&
        memcmp(fresh_value.bytes, old_value.bytes, old_value.length) == 0) {
      continue;
    }
    pending[count] = k;
    values[count++] = old_value;
  }
  close(fresh);
  return count;
}

// Sets the carried options on `tcp`, counting them in r.
void copy_options(int tcp, const int* pending, Value* values, int count, Replacement* r) {
  for (int i = 0; i < count; ++i) {
    const Option& option = kOptions[pending[i]];
    Value& value = values[i];
    if (option.copy == Copy::kHalved && value.length == sizeof(int)) {
      int bytes;
      memcpy(&bytes, value.bytes, sizeof bytes);
      bytes /= 2;
      memcpy(value.bytes, &bytes, sizeof bytes);
    }
    if (setsockopt(tcp, option.level, option.name, value.bytes, value.length) == 0) {
      ++r->copied;
    } else if (r->failed++ == 0) {
      r->first_failed = option.text;
    }
  }
}

// The old socket's file status flags (and O_ASYNC's owner and signal) on
// `tcp`; false with errno set when they cannot be.
bool copy_status(int fd, int tcp, int status_flags) {
  // The owner first: O_ASYNC starts signalling it at once.
  if ((status_flags & O_ASYNC) != 0) {
    f_owner_ex owner{};
    if (fcntl(fd, F_GETOWN_EX, &owner) == 0) fcntl(tcp, F_SETOWN_EX, &owner);
    const int signal = fcntl(fd, F_GETSIG);
    if (signal > 0) fcntl(tcp, F_SETSIG, signal);
  }
  return fcntl(tcp, F_SETFL, status_flags & (O_NONBLOCK | O_ASYNC)) == 0;
}

// `tcp` onto `fd`; the old socket goes, and with it its local address.
// EBUSY: another thread is opening a file on `fd` this instant.
int put_in_place(int tcp, int fd, int fd_flags) {
  int rc = -1;
  for (int attempt = 0; attempt < 8 && rc < 0; ++attempt) {
    rc = dup3(tcp, fd, (fd_flags & FD_CLOEXEC) != 0 ? O_CLOEXEC : 0);
    if (rc < 0 && errno != EINTR && errno != EBUSY) break;
  }
  return rc;
}

Replacement replace(int fd, MakeSocketFn make_socket) {
  Replacement r{0, nullptr, false, false, 0, 0, nullptr};
  OldSocket old;
  if (!read_old_socket(fd, &old, &r)) return r;
  int pending[kOptionCount];
  Value values[kOptionCount];
  const int count = differing_options(fd, old, make_socket, pending, values);
  if (count < 0) return failure(r, "socket", errno);

  const int tcp = make_socket(old.family, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
  if (tcp < 0) return failure(r, "socket", errno);
  copy_options(tcp, pending, values, count, &r);
  const char* step = !copy_status(fd, tcp, old.status_flags) ? "fcntl"
                     : put_in_place(tcp, fd, old.fd_flags) < 0 ? "dup3"
                                                               : nullptr;
  const int error = errno;
  close(tcp);
  if (step != nullptr) return failure(r, step, error);
  r.replaced = true;
  if (old.bound) {
    if (bind(fd, reinterpret_cast<const sockaddr*>(&old.local), old.local_length) != 0) {
      return failure(r, "bind", errno);
    }
    r.rebound = true;
  }
  return r;
}

}  // namespace

StreamKind stream_kind(int fd) {
  const int saved = errno;
  const int domain = read_int(fd, SOL_SOCKET, SO_DOMAIN);
  const int protocol = domain < 0 ? -1 : read_int(fd, SOL_SOCKET, SO_PROTOCOL);
  const int type = protocol < 0 ? -1 : read_int(fd, SOL_SOCKET, SO_TYPE);
  errno = saved;
  if (type != SOCK_STREAM) return StreamKind::kOther;
  if (domain == kAfSmc) return StreamKind::kSmc;
  if (domain != AF_INET && domain != AF_INET6) return StreamKind::kOther;
  if (protocol == kIpprotoSmc) return StreamKind::kSmc;
  return protocol == IPPROTO_TCP ? StreamKind::kTcp : StreamKind::kOther;
}

Replacement replace_with_tcp(int fd, MakeSocketFn make_socket) {
  const int saved = errno;
  const Replacement r = replace(fd, make_socket);
  errno = saved;
  return r;
}

}  // namespace smc
