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

// The kernels' numbers: arch/x86/entry/syscalls/syscall_{64,32}.tbl,
// arch/s390/kernel/syscalls/syscall.tbl.
const SyscallAbi kI386{"i386", AUDIT_ARCH_I386, 359, 362, 363, 0, false, 102, 4, nullptr};
const SyscallAbi kX86{"x86_64", AUDIT_ARCH_X86_64, 41, 42, 50, 0x40000000, false, kNoCall, 8,
                      &kI386};
// s390x, big-endian: arguments' low halves are at +4.
const SyscallAbi kBigEndian{"s390x", AUDIT_ARCH_S390X, 359, 362, 363, 0, true, 102, 8, nullptr};

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

TEST_CASE("the filter answers the proof calls with its supervisor's pid, in errno chunks") {
  const std::uint64_t mark = static_cast<std::uint64_t>(kProofMark) << 32;
  for (const SyscallAbi& abi : {kX86, kBigEndian}) {
    for (long pid : {1L, 4242L, 1234567L, (1L << 22) - 1}) {
      const auto f = build_filter(abi, {false, pid});
      long decoded = 0;
      for (int k = 0; k < kProofCalls; ++k) {
        const std::uint32_t action =
            run(f, call(abi, abi.socket_nr, 0xffffffffu, mark | static_cast<unsigned>(k), 0));
        REQUIRE((action & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO);
        const int error = static_cast<int>(action & SECCOMP_RET_DATA);
        CHECK(error >= 1);
        CHECK(error <= 4095);  // MAX_ERRNO: the kernel caps larger values
        if (k == 0) {
          CHECK(error == kProofMagic);
        } else {
          decoded |= static_cast<long>(error - 1) << (kProofChunkBits * (k - 1));
        }
      }
      CHECK(decoded == pid);
      // Another k, and the mark without a supervisor, are let through.
      CHECK(run(f, call(abi, abi.socket_nr, 0xffffffffu, mark | kProofCalls, 0)) ==
            SECCOMP_RET_ALLOW);
      CHECK(run(build_filter(abi, {false}), call(abi, abi.socket_nr, 0xffffffffu, mark, 0)) ==
            SECCOMP_RET_ALLOW);
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

TEST_CASE("calls of an architecture the filter does not name are allowed untouched") {
  for (const SyscallAbi& abi : {kX86, kBigEndian}) {
    const auto f = build_filter(abi, {true});
    for (std::uint32_t arch : {std::uint32_t{AUDIT_ARCH_AARCH64}, std::uint32_t{AUDIT_ARCH_ARM}, std::uint32_t{AUDIT_ARCH_S390}}) {
      for (std::uint32_t nr : {41u, 42u, 102u, 198u, 359u, 362u}) {
        seccomp_data d = call(abi, nr, AF_INET, SOCK_STREAM, 0);
        d.arch = arch;
        CAPTURE(abi.name);
        CAPTURE(nr);
        CHECK(run(f, d) == SECCOMP_RET_ALLOW);
      }
    }
  }
}

// socketcall(call, args) as `abi` lays it out: the arguments themselves
// are behind the pointer, where the filter cannot look.
seccomp_data socketcall(const SyscallAbi& abi, std::uint32_t which) {
  return call(abi, abi.socketcall_nr, which, 0xffd0c0a0, 0);
}

TEST_CASE("socketcall's socket is notified whatever its hidden arguments, on i386 and s390x") {
  for (bool connections : {false, true}) {
    // An i386 program on x86_64, and s390x natively.
    const auto x86 = build_filter(kX86, {connections});
    const auto s390x = build_filter(kBigEndian, {connections});
    CHECK(notified(x86, socketcall(kI386, 1)));  // SYS_SOCKET
    CHECK(notified(s390x, socketcall(kBigEndian, 1)));
    // bind (2), accept (5), sendto (11), socketpair (8), accept4 (18):
    // never, nor an unknown call.
    for (std::uint32_t which : {0u, 2u, 5u, 8u, 11u, 18u, 21u, 0xffffffffu}) {
      CAPTURE(which);
      CHECK_FALSE(notified(x86, socketcall(kI386, which)));
      CHECK_FALSE(notified(s390x, socketcall(kBigEndian, which)));
    }
    // The call is an int: a set upper half still makes it SYS_SOCKET.
    CHECK(notified(s390x, call(kBigEndian, 102, 0x500000001ull, 0x3fffffef0a8ull, 0)));
    // x86_64's own 102 is getuid: never.
    CHECK_FALSE(notified(x86, call(kX86, 102, 1, 0, 0)));
  }
}

TEST_CASE("socketcall's connect and listen are notified only with a connection filter") {
  for (bool connections : {false, true}) {
    const auto x86 = build_filter(kX86, {connections});
    const auto s390x = build_filter(kBigEndian, {connections});
    for (std::uint32_t which : {3u, 4u}) {  // SYS_CONNECT, SYS_LISTEN
      CAPTURE(which);
      CHECK(notified(x86, socketcall(kI386, which)) == connections);
      CHECK(notified(s390x, socketcall(kBigEndian, which)) == connections);
    }
  }
}

TEST_CASE("an i386 program's own socket, connect and listen are judged by their i386 numbers") {
  for (bool connections : {false, true}) {
    const auto f = build_filter(kX86, {connections});
    for (const smc_socket_rule_row& row : smc_socket_rule_rows) {
      CAPTURE(row.domain);
      CAPTURE(row.type);
      CAPTURE(row.protocol);
      const seccomp_data d =
          call(kI386, kI386.socket_nr, static_cast<std::uint32_t>(row.domain),
               static_cast<std::uint32_t>(row.type), static_cast<std::uint32_t>(row.protocol));
      CHECK(notified(f, d) == (row.converted == 1));
    }
    CHECK(notified(f, call(kI386, kI386.connect_nr, 3, 0xffd0c0a0, 16)) == connections);
    CHECK(notified(f, call(kI386, kI386.listen_nr, 3, 128, 0)) == connections);
    // x86_64's numbers mean other calls on i386 (41 dup, 42 pipe, 50
    // getegid), and i386's own alias bit is no alias.
    for (std::uint32_t nr : {kX86.socket_nr, kX86.connect_nr, kX86.listen_nr,
                             kI386.socket_nr | kX86.alias_bit}) {
      CAPTURE(nr);
      CHECK_FALSE(notified(f, call(kI386, nr, AF_INET, SOCK_STREAM, 0)));
    }
  }
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
      // The compat (i386) bitmap: socketcall and i386's own socket calls
      // are looked at, every other call is constant.
      const bool ours_i386 =
          nr == kI386.socket_nr || nr == kI386.socketcall_nr ||
          (connections && (nr == kI386.connect_nr || nr == kI386.listen_nr));
      CHECK(const_allow(f, AUDIT_ARCH_I386, nr) == !ours_i386);
      // Any other architecture: constant.
      CHECK(const_allow(f, AUDIT_ARCH_AARCH64, nr));
    }
    CHECK(filtered == (connections ? 3 : 1));
  }
}

TEST_CASE("on s390x only socket, socketcall and with a filter connect and listen leave the fast path") {
  for (bool connections : {false, true}) {
    const auto f = build_filter(kBigEndian, {connections});
    for (std::uint32_t nr = 0; nr < 512; ++nr) {
      const bool ours = nr == 359 || nr == 102 || (connections && (nr == 362 || nr == 363));
      CAPTURE(nr);
      CHECK(const_allow(f, AUDIT_ARCH_S390X, nr) == !ours);
    }
  }
}

TEST_CASE("the filter is short enough for BPF's 8-bit jumps and cheap to run") {
  const auto f = build_filter(kX86, {true});
  CHECK(f.size() < 60);
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
  CHECK(abi->socketcall_nr == kNoCall);
  REQUIRE(abi->compat != nullptr);  // 32-bit x86 programs
  CHECK(std::string(abi->compat->name) == "i386");
  CHECK(abi->compat->audit_arch == AUDIT_ARCH_I386);
  CHECK(abi->compat->socket_nr == 359);  // arch/x86/entry/syscalls/syscall_32.tbl
  CHECK(abi->compat->connect_nr == 362);
  CHECK(abi->compat->listen_nr == 363);
  CHECK(abi->compat->socketcall_nr == 102);
  CHECK(abi->compat->long_size == 4);
  CHECK(abi->compat->compat == nullptr);
  CHECK(abi_of_arch(*abi, AUDIT_ARCH_I386) == abi->compat);
  CHECK(abi_of_arch(*abi, AUDIT_ARCH_X86_64) == &*abi);
  CHECK(abi_of_arch(*abi, AUDIT_ARCH_AARCH64) == nullptr);
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
  CHECK(abi->socketcall_nr == 102);
  CHECK(abi->long_size == 8);
  CHECK(abi->compat == nullptr);
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
