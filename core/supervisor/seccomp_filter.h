// The seccomp filter that sends a program's TCP socket() calls, and with a
// connection filter its connect() and listen() calls, to the supervisor
// (SECCOMP_RET_USER_NOTIF); every other call is allowed. Pure: the classic
// BPF program is built as data, so that a test can run it on a table of
// calls.
//
// The data path must cost nothing, so the program is shaped for the
// kernel's constant-action cache (kernel/seccomp.c, seccomp_cache_prepare
// and seccomp_is_const_allow): at install, the kernel emulates the filter
// for every system call number with only `arch` and `nr` known, and a
// number whose path reaches SECCOMP_RET_ALLOW without loading an argument
// is allowed from then on by a bitmap test, without running any filter.
// So the program checks the architecture first, then the number, and loads
// arguments only on the path of socket().
//
// Which socket() calls are TCP is the rule of base/socket_conversion.h's
// is_tcp_socket(), written with the same constants: AF_INET or AF_INET6,
// (type & kSockTypeMask) == SOCK_STREAM, protocol 0 or IPPROTO_TCP. BPF
// cannot call C++, so seccomp_filter_test runs the filter on every row of
// the rule's own table (base/socket_rule_table.h) and on a large cross
// product of arguments against is_tcp_socket(). The library's own TCP
// sockets, marked in the upper half of `type` (base/library_mark.h), pass
// unseen.
//
// Not seen: calls of another architecture (an i386 program on x86_64: its
// socketcall(2) hides the arguments in memory), socketcall(2) itself on
// architectures that have it, and io_uring's IORING_OP_SOCKET.
#pragma once

#include <linux/filter.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace smc {

// One architecture's identity in seccomp_data and its system call numbers.
struct SyscallAbi {
  const char* name;          // "x86_64", for messages
  std::uint32_t audit_arch;  // seccomp_data.arch: AUDIT_ARCH_* (linux/audit.h)
  std::uint32_t socket_nr;
  std::uint32_t connect_nr;
  std::uint32_t listen_nr;
  // A second ABI that shares audit_arch and marks its numbers with this bit
  // (x86_64's x32: __X32_SYSCALL_BIT, arch/x86/include/uapi/asm/unistd.h),
  // or 0. Its calls take the same arguments, so they are treated alike.
  std::uint32_t alias_bit;
  bool big_endian;  // where the low 32 bits of a 64-bit argument lie
};

// The ABI of the programs smc_run starts: the one it is built for. nullopt
// on an architecture it has no AUDIT_ARCH value for: seccomp is then not
// offered.
std::optional<SyscallAbi> native_abi();

struct FilterScope {
  bool connections;  // also notify connect() and listen() (a connection filter is set)
};

// The program, at most a few dozen instructions.
std::vector<sock_filter> build_filter(const SyscallAbi& abi, FilterScope scope);

}  // namespace smc
