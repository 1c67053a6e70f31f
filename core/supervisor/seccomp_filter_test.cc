#include "core/supervisor/seccomp_filter.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "base/library_mark.h"
#include "base/socket_conversion.h"
#include "base/socket_rule_table.h"

namespace smc {
namespace {

// A classic BPF interpreter for the instructions seccomp accepts that the
// filter uses; anything else fails the test.
std::uint32_t run(const std::vector<sock_filter>& program, const seccomp_data& data) {
  std::uint32_t a = 0;
  for (std::size_t pc = 0; pc < program.size(); ++pc) {
    const sock_filter& i = program[pc];
    switch (i.code) {
      case BPF_LD | BPF_W | BPF_ABS:
        REQUIRE(i.k % 4 == 0);
        REQUIRE(i.k + 4 <= sizeof data);
        std::memcpy(&a, reinterpret_cast<const char*>(&data) + i.k, 4);
        break;
      case BPF_ALU | BPF_AND | BPF_K:
        a &= i.k;
        break;
      case BPF_JMP | BPF_JEQ | BPF_K:
        pc += a == i.k ? i.jt : i.jf;
        break;
      case BPF_RET | BPF_K:
        return i.k;
      default:
        FAIL("unexpected instruction ", i.code);
    }
  }
  FAIL("ran off the end of the filter");
  return 0;
}

// What kernel/seccomp.c's seccomp_is_const_allow() decides at install:
// whether the filter allows `nr` on `arch` whatever the arguments, seen
// by emulating it with only nr and arch known. True puts the call on the
// bitmap fast path, where no filter runs.
bool const_allow(const std::vector<sock_filter>& program, std::uint32_t arch,
                 std::uint32_t nr) {
  std::uint32_t a = 0;
  for (std::size_t pc = 0; pc < program.size(); ++pc) {
    const sock_filter& i = program[pc];
    switch (i.code) {
      case BPF_LD | BPF_W | BPF_ABS:
        if (i.k == offsetof(seccomp_data, nr)) {
          a = nr;
        } else if (i.k == offsetof(seccomp_data, arch)) {
          a = arch;
        } else {
          return false;  // an argument: not constant
        }
        break;
      case BPF_ALU | BPF_AND | BPF_K:
        a &= i.k;
        break;
      case BPF_JMP | BPF_JEQ | BPF_K:
        pc += a == i.k ? i.jt : i.jf;
        break;
      case BPF_RET | BPF_K:
        return i.k == SECCOMP_RET_ALLOW;
      default:
        return false;
    }
  }
  return false;
}

const SyscallAbi kX86{"x86_64", AUDIT_ARCH_X86_64, 41, 42, 50, 0x40000000, false};
// A made-up big-endian architecture: arguments' low halves are at +4.
const SyscallAbi kBigEndian{"be", AUDIT_ARCH_S390X, 359, 362, 363, 0, true};

// The call as `abi`'s kernel lays it out: each 64-bit argument's two words
// in that machine's order. BPF loads a word in the order of the machine it
// runs on, as the interpreter above does, so only the words' places come
// from `abi`; storing the arguments as this machine's integers would lay
// them out for this machine instead (and fail on s390x for kX86).
seccomp_data call(const SyscallAbi& abi, std::uint32_t nr, std::uint64_t a0,
                  std::uint64_t a1, std::uint64_t a2) {
  seccomp_data d{};
  d.nr = static_cast<int>(nr);
  d.arch = abi.audit_arch;
  const std::uint64_t args[3] = {a0, a1, a2};
  for (int i = 0; i < 3; ++i) {
    const auto low = static_cast<std::uint32_t>(args[i]);
    const auto high = static_cast<std::uint32_t>(args[i] >> 32);
    const std::uint32_t words[2] = {abi.big_endian ? high : low, abi.big_endian ? low : high};
    std::memcpy(&d.args[i], words, sizeof words);
  }
  return d;
}

bool notified(const std::vector<sock_filter>& f, const seccomp_data& d) {
  const std::uint32_t action = run(f, d);
  CHECK((action == SECCOMP_RET_ALLOW || action == SECCOMP_RET_USER_NOTIF));
  return action == SECCOMP_RET_USER_NOTIF;
}

// Arguments as a program may pass them: the kernel keeps the low 32 bits.
const std::uint64_t kDomains[] = {0, AF_UNIX, AF_INET, AF_INET6, AF_NETLINK,
                                  AF_PACKET, 43, 4242, 0xffffffffu,
                                  0x100000000u | AF_INET, 0xffffffff00000000u | AF_INET6};
const std::uint64_t kTypes[] = {0, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET,
                                SOCK_STREAM | SOCK_NONBLOCK, SOCK_STREAM | SOCK_CLOEXEC,
                                SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                SOCK_DGRAM | SOCK_CLOEXEC, 0x11, 0x21, 0xf, 0x7fffffff,
                                0x500000000u | SOCK_STREAM};
const std::uint64_t kProtocols[] = {0, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_MPTCP, 256,
                                    1, 0xffffffffu, 0x100000000u,
                                    0x700000000u | IPPROTO_TCP};

TEST_CASE("the filter notifies exactly the socket() calls is_tcp_socket calls TCP") {
  for (const SyscallAbi& abi : {kX86, kBigEndian}) {
    for (bool connections : {false, true}) {
      const auto f = build_filter(abi, {connections});
      int tcp = 0;
      for (std::uint64_t d : kDomains) {
        for (std::uint64_t t : kTypes) {
          for (std::uint64_t p : kProtocols) {
            const SocketCall as_ints{static_cast<int>(d), static_cast<int>(t),
                                     static_cast<int>(p)};
            const bool expected = is_tcp_socket(as_ints);
            tcp += expected ? 1 : 0;
            CAPTURE(abi.name);
            CAPTURE(d);
            CAPTURE(t);
            CAPTURE(p);
            CHECK(notified(f, call(abi, abi.socket_nr, d, t, p)) == expected);
            if (abi.alias_bit != 0) {
              CHECK(notified(f, call(abi, abi.socket_nr | abi.alias_bit, d, t, p)) ==
                    expected);
            }
          }
        }
      }
      // 4 domains x 7 stream types (0x11 and 0x21 are streams with unknown
      // flag bits) x 4 protocols: the table has TCP calls to agree on.
      CHECK(tcp == 4 * 7 * 4);
    }
  }
}

TEST_CASE("the filter notifies exactly the calls the socket rule table converts") {
  for (const SyscallAbi& abi : {kX86, kBigEndian}) {
    for (bool connections : {false, true}) {
      const auto f = build_filter(abi, {connections});
      for (const smc_socket_rule_row& row : smc_socket_rule_rows) {
        CAPTURE(abi.name);
        CAPTURE(row.domain);
        CAPTURE(row.type);
        CAPTURE(row.protocol);
        // The ints in the low halves, where the filter reads them.
        const seccomp_data d =
            call(abi, abi.socket_nr, static_cast<std::uint32_t>(row.domain),
                 static_cast<std::uint32_t>(row.type), static_cast<std::uint32_t>(row.protocol));
        CHECK(notified(f, d) == (row.converted == 1));
      }
    }
  }
}

TEST_CASE("the library's marked TCP sockets are never notified") {
  const std::uint64_t mark = static_cast<std::uint64_t>(kLibraryMark) << 32;
  for (const SyscallAbi& abi : {kX86, kBigEndian}) {
    const auto f = build_filter(abi, {true});
    for (std::uint64_t type : {std::uint64_t{SOCK_STREAM},
                               std::uint64_t{SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC}}) {
      CHECK_FALSE(notified(f, call(abi, abi.socket_nr, AF_INET, mark | type, 0)));
      CHECK_FALSE(notified(f, call(abi, abi.socket_nr, AF_INET6, mark | type, IPPROTO_TCP)));
      // Another upper half is no mark.
      CHECK(notified(f, call(abi, abi.socket_nr, AF_INET, (mark + (1ull << 32)) | type, 0)));
    }
  }
}

TEST_CASE("connect and listen are notified only when a connection filter is set") {
  for (bool connections : {false, true}) {
    const auto f = build_filter(kX86, {connections});
    for (std::uint32_t nr : {kX86.connect_nr, kX86.listen_nr,
                             kX86.connect_nr | kX86.alias_bit,
                             kX86.listen_nr | kX86.alias_bit}) {
      CHECK(notified(f, call(kX86, nr, 3, 0, 0)) == connections);
    }
    // bind, accept4, sendto: never.
    for (std::uint32_t nr : {49u, 288u, 44u}) CHECK_FALSE(notified(f, call(kX86, nr, 3, 0, 0)));
  }
}

TEST_CASE("calls of another architecture are allowed untouched") {
  const auto f = build_filter(kX86, {true});
  seccomp_data d = call(kX86, kX86.socket_nr, AF_INET, SOCK_STREAM, 0);
  d.arch = AUDIT_ARCH_I386;
  CHECK(run(f, d) == SECCOMP_RET_ALLOW);
  d.nr = 359;  // i386's socket()
  CHECK(run(f, d) == SECCOMP_RET_ALLOW);
}

TEST_CASE("every other system call stays on the kernel's constant-allow fast path") {
  for (bool connections : {false, true}) {
    const auto f = build_filter(kX86, {connections});
    int filtered = 0;
    // x86_64 has fewer than 512 calls (SECCOMP_ARCH_NATIVE_NR = NR_syscalls).
    for (std::uint32_t nr = 0; nr < 512; ++nr) {
      const bool ours = nr == kX86.socket_nr ||
                        (connections && (nr == kX86.connect_nr || nr == kX86.listen_nr));
      CAPTURE(nr);
      CHECK(const_allow(f, AUDIT_ARCH_X86_64, nr) == !ours);
      filtered += ours ? 1 : 0;
      // The compat (i386) bitmap: every call is constant.
      CHECK(const_allow(f, AUDIT_ARCH_I386, nr));
    }
    CHECK(filtered == (connections ? 3 : 1));
  }
}

TEST_CASE("the filter is short enough for BPF's 8-bit jumps and cheap to run") {
  const auto f = build_filter(kX86, {true});
  CHECK(f.size() < 40);
  CHECK(f.size() > 10);
}

TEST_CASE("native_abi names this machine's numbers") {
  const std::optional<SyscallAbi> abi = native_abi();
#if defined(__x86_64__)
  REQUIRE(abi.has_value());
  CHECK(std::string(abi->name) == "x86_64");
  CHECK(abi->audit_arch == AUDIT_ARCH_X86_64);
  CHECK(abi->socket_nr == SYS_socket);
  CHECK(abi->connect_nr == SYS_connect);
  CHECK(abi->listen_nr == SYS_listen);
  CHECK(abi->alias_bit == 0x40000000);
  CHECK_FALSE(abi->big_endian);
#elif defined(__aarch64__)
  REQUIRE(abi.has_value());
  CHECK(std::string(abi->name) == "aarch64");
  CHECK(abi->audit_arch == AUDIT_ARCH_AARCH64);
  CHECK(abi->socket_nr == 198);  // include/uapi/asm-generic/unistd.h
  CHECK(abi->connect_nr == 203);
  CHECK(abi->listen_nr == 201);
  CHECK(abi->alias_bit == 0);
  CHECK_FALSE(abi->big_endian);
#elif defined(__s390x__)
  REQUIRE(abi.has_value());
  CHECK(std::string(abi->name) == "s390x");
  CHECK(abi->audit_arch == AUDIT_ARCH_S390X);
  CHECK(abi->socket_nr == 359);  // arch/s390/kernel/syscalls/syscall.tbl
  CHECK(abi->connect_nr == 362);
  CHECK(abi->listen_nr == 363);
  CHECK(abi->alias_bit == 0);
  CHECK(abi->big_endian);  // an argument's low half is its second word
#else
  (void)abi;
#endif
}

// The kernel's own verdict: in a child, a thread started before the filter
// (so not filtered itself) answers every notification with ENOTUNIQ, which
// no socket() returns by itself; the filtered main thread makes the calls.
struct Served {
  int listener;
};

void* answer_all(void* arg) {
  const int listener = static_cast<Served*>(arg)->listener;
  for (;;) {
    seccomp_notif n{};
    if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &n) != 0) {
      if (errno == EINTR || errno == ENOENT) continue;
      return nullptr;
    }
    seccomp_notif_resp r{};
    r.id = n.id;
    r.error = -ENOTUNIQ;
    ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &r);
  }
}

// host_only: installs the filter in this machine's kernel; qemu-user has
// no seccomp for other architectures (.bazelrc, config cross).
TEST_CASE("the kernel notifies TCP socket() calls and lets the others through" *
          doctest::test_suite("host_only")) {
  const std::optional<SyscallAbi> abi = native_abi();
  REQUIRE(abi.has_value());
  const auto f = build_filter(*abi, {false});
  int report[2];
  REQUIRE(pipe(report) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(report[0]);
    // Install from a thread-free point, then serve from a thread made
    // before the install: a listener fd is per filter, not per thread.
    static Served served{-1};
    int ready[2];
    if (pipe(ready) != 0) _exit(2);
    sock_fprog prog{static_cast<unsigned short>(f.size()),
                    const_cast<sock_filter*>(f.data())};
    pthread_t server;
    // The thread waits for the listener number on the pipe.
    auto* start = +[](void* p) -> void* {
      const int fd = *static_cast<int*>(p);
      if (read(fd, &served.listener, sizeof served.listener) != sizeof served.listener) {
        return nullptr;
      }
      return answer_all(&served);
    };
    if (pthread_create(&server, nullptr, start, &ready[0]) != 0) _exit(2);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) _exit(2);
    const long listener = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                                  SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
    if (listener < 0) _exit(3);
    const int fd = static_cast<int>(listener);
    if (write(ready[1], &fd, sizeof fd) != sizeof fd) _exit(2);
    const long calls[][3] = {
        {AF_INET, SOCK_STREAM, 0},
        {AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP},
        {AF_INET, SOCK_DGRAM, 0},
        {AF_UNIX, SOCK_STREAM, 0},
        {AF_INET, SOCK_STREAM, 99},
        {static_cast<long>(0x100000000L | AF_INET), SOCK_STREAM, 0},
        // The library's mark: a TCP socket the kernel makes, unnotified.
        {AF_INET, static_cast<long>(static_cast<unsigned long>(kLibraryMark) << 32 | SOCK_STREAM),
         0},
    };
    std::string out;
    for (const auto& c : calls) {
      errno = 0;
      const long fd_or = syscall(SYS_socket, c[0], c[1], c[2]);
      out += fd_or >= 0 ? "made " : (errno == ENOTUNIQ ? "notified " : "failed ");
      if (fd_or >= 0) close(static_cast<int>(fd_or));
    }
    if (write(report[1], out.data(), out.size()) != static_cast<ssize_t>(out.size())) _exit(2);
    _exit(0);
  }
  close(report[1]);
  char buf[256] = {};
  std::size_t got = 0;
  for (ssize_t n; (n = read(report[0], buf + got, sizeof buf - 1 - got)) > 0;) got += n;
  close(report[0]);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  // AF_INET with IPPROTO 99 fails by itself (EPROTONOSUPPORT), unnotified.
  CHECK(std::string(buf) == "notified notified made made failed notified made ");
}

}  // namespace
}  // namespace smc
