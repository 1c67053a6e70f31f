#include "core/supervisor/socket_answer.h"

#include <doctest/doctest.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <thread>

#include "core/supervisor/notification_loop.h"
#include "core/supervisor/seccomp.h"
#include "core/supervisor/seccomp_filter.h"
#include "core/supervisor/served_child_fixture.h"

namespace smc {
namespace {

using testing::no_smc_diag;
using testing::serve_child;

// A kernel with IPPROTO_SMC, simulated: such "SMC" sockets are TCP ones,
// so that the hand-over path runs on a host without SMC.
int smc_as_tcp(int domain, int type, int protocol) {
  if (protocol == kIpprotoSmc) return ::socket(domain, type, 0);
  errno = EAFNOSUPPORT;
  return -1;
}

// A kernel without SMC; TCP as usual (under strict the supervisor asks
// TCP whether the call is invalid whatever the protocol).
int no_smc(int domain, int type, int protocol) {
  if (domain == kAfSmc || protocol == kIpprotoSmc) {
    errno = domain == kAfSmc ? EAFNOSUPPORT : EPROTONOSUPPORT;
    return -1;
  }
  return ::socket(domain, type, protocol);
}

int int_option(int fd, int level, int name) {
  int value = -1;
  socklen_t length = sizeof value;
  getsockopt(fd, level, name, &value, &length);
  return value;
}

// "tcp4 fd nonblock cloexec sndbuf" per TCP socket, "udp ok", "errno N".
void make_some_sockets(std::string& out) {
  const int types[] = {SOCK_STREAM, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC};
  for (int type : types) {
    const int fd = socket(AF_INET6, type, 0);
    if (fd < 0) {
      out += "errno " + std::to_string(errno) + "\n";
      continue;
    }
    out += "tcp fd=" + std::to_string(fd > 2) +
           " nonblock=" + std::to_string((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0) +
           " cloexec=" + std::to_string((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0) +
           " domain=" + std::to_string(int_option(fd, SOL_SOCKET, SO_DOMAIN)) +
           " sndbuf=" + std::to_string(int_option(fd, SOL_SOCKET, SO_SNDBUF)) + "\n";
    close(fd);
  }
  const int udp = socket(AF_INET, SOCK_DGRAM, 0);
  out += "udp sndbuf=" + std::to_string(int_option(udp, SOL_SOCKET, SO_SNDBUF)) + "\n";
  close(udp);
}

TEST_CASE("the supervisor hands over its socket with the caller's flags and sizes") {
  const char* env[] = {"SMC_SNDBUF=65536", "SMC_DEBUG=1", nullptr};
  const std::string out = serve_child(env, false, {smc_as_tcp, no_smc_diag}, make_some_sockets);
  // The kernel doubles SO_SNDBUF; UDP keeps its default (wmem_default).
  CHECK(out.find("tcp fd=1 nonblock=0 cloexec=0 domain=10 sndbuf=131072\n") == 0);
  CHECK(out.find("tcp fd=1 nonblock=1 cloexec=1 domain=10 sndbuf=131072\n") !=
        std::string::npos);
  CHECK(out.find("udp sndbuf=131072") == std::string::npos);
}

TEST_CASE("without SMC the caller's own call runs and makes its TCP socket") {
  const char* env[] = {"SMC_SNDBUF=65536", nullptr};
  const std::string out = serve_child(env, false, {no_smc, no_smc_diag}, make_some_sockets);
  // Its own call: no size applied, TCP's default instead.
  CHECK(out.find("tcp fd=1 nonblock=0 cloexec=0 domain=10 sndbuf=") == 0);
  CHECK(out.find("sndbuf=131072") == std::string::npos);
  CHECK(out.find("tcp fd=1 nonblock=1 cloexec=1") != std::string::npos);
}

TEST_CASE("strict fails the call with the library's errno where SMC is missing") {
  const char* env_auto[] = {"SMC_STRICT=1", nullptr};
  CHECK(serve_child(env_auto, false, {no_smc, no_smc_diag}, make_some_sockets)
            .find("errno " + std::to_string(EAFNOSUPPORT) + "\nerrno ") == 0);
  const char* env_inet[] = {"SMC_STRICT=1", "SMC_SOCK_FAMILY=inet", nullptr};
  CHECK(serve_child(env_inet, false, {no_smc, no_smc_diag}, make_some_sockets)
            .find("errno " + std::to_string(EPROTONOSUPPORT) + "\n") == 0);
}

// Uses up every descriptor the limit allows, then asks for a TCP socket.
void socket_at_descriptor_limit(std::string& out) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = 32;
  setrlimit(RLIMIT_NOFILE, &limit);
  while (dup(0) >= 0) {
  }
  errno = 0;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  out += fd < 0 ? "errno " + std::to_string(errno) : "made";
}

TEST_CASE("a caller out of descriptors gets EMFILE, from its own call") {
  const char* env[] = {"SMC_DEBUG=1", nullptr};
  CHECK(serve_child(env, false, {smc_as_tcp, no_smc_diag}, socket_at_descriptor_limit) ==
        "errno " + std::to_string(EMFILE));
  CHECK(serve_child(env, false, {no_smc, no_smc_diag}, socket_at_descriptor_limit) ==
        "errno " + std::to_string(EMFILE));
}

void many_threads(std::string& out) {
  constexpr int kThreads = 64;
  int results[kThreads];
  std::thread threads[kThreads];
  for (int i = 0; i < kThreads; ++i) {
    threads[i] = std::thread([&results, i] {
      results[i] = socket(AF_INET, SOCK_STREAM, 0);
      if (results[i] < 0) results[i] = -errno;
    });
  }
  int made = 0;
  for (int i = 0; i < kThreads; ++i) {
    threads[i].join();
    made += results[i] >= 0 ? 1 : 0;
  }
  out += std::to_string(made);
}

TEST_CASE("64 threads making sockets at once are each answered") {
  const char* env[] = {nullptr};
  CHECK(serve_child(env, false, {smc_as_tcp, no_smc_diag}, many_threads) == "64");
  CHECK(serve_child(env, false, {no_smc, no_smc_diag}, many_threads) == "64");
}

// socket() through the x32 ABI (x86_64's __X32_SYSCALL_BIT): errno, or 0
// when it made a socket.
void x32_socket(std::string& out) {
  errno = 0;
  const long fd = syscall(SYS_socket | 0x40000000, AF_INET, SOCK_STREAM, 0);
  out += std::to_string(fd >= 0 ? 0 : errno);
}

TEST_CASE("an x32 socket() gets what the kernel gives it, x32 on or off") {
#if defined(__x86_64__)
  std::string without;
  x32_socket(without);  // here, unfiltered: ENOSYS where x32 is off
  const char* env[] = {"SMC_DEBUG=1", nullptr};
  CHECK(serve_child(env, false, {smc_as_tcp, no_smc_diag}, x32_socket) == without);
  CHECK(serve_child(env, false, {no_smc, no_smc_diag}, x32_socket) == without);
#endif
}

#if defined(__x86_64__)
// An i386 system call made by this 64-bit process: `int $0x80` enters the
// kernel's 32-bit entry (arch/x86/entry/entry_64_compat.S), so seccomp
// sees AUDIT_ARCH_I386 and i386's numbers, as for a 32-bit program. The
// 32-bit entry leaves r8-r11 as it likes. -errno on failure.
long i386_call(long nr, long a, long b, long c) {
  long result;
  asm volatile("int $0x80"
               : "=a"(result)
               : "a"(nr), "b"(a), "c"(b), "d"(c)
               : "memory", "r8", "r9", "r10", "r11");
  return result;
}

// i386's socketcall and socket (arch/x86/entry/syscalls/syscall_32.tbl);
// socketcall's calls (include/uapi/linux/net.h).
constexpr long kI386Socketcall = 102;
constexpr long kI386Socket = 359;
constexpr long kSysSocket = 1;

// What became of an i386 call that made socket `fd_or`: its sndbuf
// (131072 only where the supervisor made it with SMC_SNDBUF=65536), or
// the errno.
std::string i386_result(long fd_or) {
  if (fd_or < 0) return "errno " + std::to_string(-fd_or);
  const std::string said = "sndbuf=" + std::to_string(int_option(static_cast<int>(fd_or),
                                                                  SOL_SOCKET, SO_SNDBUF));
  close(static_cast<int>(fd_or));
  return said;
}

// socketcall(SYS_SOCKET) for TCP and UDP (its size the default, as a
// UDP socket made here has it), with its argument block in 32-bit memory;
// socketcall with a block that is no memory; i386's socket() directly.
// One line each.
void i386_sockets(std::string& out) {
  void* page = mmap(nullptr, 4096, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
  if (page == MAP_FAILED) {
    out += "no 32-bit memory";
    return;
  }
  auto* block = static_cast<std::uint32_t*>(page);
  const long at = static_cast<long>(reinterpret_cast<std::uintptr_t>(block));
  const std::uint32_t tcp[] = {AF_INET, SOCK_STREAM, 0};
  std::memcpy(block, tcp, sizeof tcp);
  out += "socketcall tcp " + i386_result(i386_call(kI386Socketcall, kSysSocket, at, 0)) + "\n";
  const std::uint32_t udp[] = {AF_INET, SOCK_DGRAM, 0};
  std::memcpy(block, udp, sizeof udp);
  const std::string own_udp = i386_result(socket(AF_INET, SOCK_DGRAM, 0));
  const std::string udp_result = i386_result(i386_call(kI386Socketcall, kSysSocket, at, 0));
  out += "socketcall udp " + (udp_result == own_udp ? "default" : udp_result) + "\n";
  out += "socketcall bad block " +
         i386_result(i386_call(kI386Socketcall, kSysSocket, 16, 0)) + "\n";
  out += "socket " + i386_result(i386_call(kI386Socket, AF_INET6, SOCK_STREAM, 0)) + "\n";
  munmap(page, 4096);
}
#endif

// Whether this kernel runs 32-bit x86 code at all: booted with
// ia32_emulation=off (or built with CONFIG_IA32_EMULATION_DEFAULT_DISABLED)
// it answers `int $0x80` with a general protection fault, SIGSEGV, and
// says "32-bit emulation disabled" (ia32_enabled_verbose(),
// arch/x86/include/asm/ia32.h). Asked once, in a child. Where it does not,
// the case below is reported as skipped, not passed: the guest suites
// still serve 32-bit programs (seccomp_probe_i386).
bool kernel_runs_i386() {
#if defined(__x86_64__)
  const pid_t child = fork();
  if (child == 0) {
    constexpr long kI386Getpid = 20;  // arch/x86/entry/syscalls/syscall_32.tbl
    i386_call(kI386Getpid, 0, 0, 0);
    _exit(0);
  }
  int status = 0;
  return child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
         WEXITSTATUS(status) == 0;
#else
  return false;
#endif
}

TEST_CASE("a 32-bit x86 program's socketcall and socket are answered like a 64-bit socket()" *
          doctest::skip(!kernel_runs_i386())) {
#if defined(__x86_64__)
  const char* env[] = {"SMC_SNDBUF=65536", "SMC_DEBUG=1", nullptr};
  const std::string made =
      serve_child(env, false, {smc_as_tcp, no_smc_diag}, i386_sockets);
  CHECK(made ==
        "socketcall tcp sndbuf=131072\n"
        "socketcall udp default\n"
        "socketcall bad block errno " + std::to_string(EFAULT) + "\n"
        "socket sndbuf=131072\n");
  // Where SMC is missing, strict fails them as it fails a 64-bit one.
  const char* strict[] = {"SMC_STRICT=1", nullptr};
  const std::string failed = serve_child(strict, false, {no_smc, no_smc_diag}, i386_sockets);
  CHECK(failed.find("socketcall tcp errno " + std::to_string(EAFNOSUPPORT) + "\n") == 0);
  CHECK(failed.find("socket errno " + std::to_string(EAFNOSUPPORT) + "\n") != std::string::npos);
#endif
}

}  // namespace
}  // namespace smc
