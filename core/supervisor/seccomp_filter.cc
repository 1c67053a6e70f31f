#include "core/supervisor/seccomp_filter.h"

#include <linux/audit.h>
#include <linux/net.h>  // SYS_SOCKET, SYS_CONNECT, SYS_LISTEN: socketcall's calls
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <cstddef>

#include "base/library_mark.h"  // kLibraryMark
#include "base/socket_conversion.h"  // is_tcp_socket()'s rule

namespace smc {
namespace {

// Where the filter looks in struct seccomp_data (include/uapi/linux/seccomp.h).
constexpr std::uint32_t kNr = offsetof(seccomp_data, nr);
constexpr std::uint32_t kArch = offsetof(seccomp_data, arch);

// The low 32 bits of argument `index`: socket()'s arguments are ints, and
// the kernel ignores the upper half (SYSCALL_DEFINE3(socket, int, ...)).
std::uint32_t low_half(int index, bool big_endian) {
  return static_cast<std::uint32_t>(offsetof(seccomp_data, args) +
                                    sizeof(std::uint64_t) * index +
                                    (big_endian ? 4 : 0));
}

// The upper 32 bits, where the library puts its mark.
std::uint32_t high_half(int index, bool big_endian) {
  return static_cast<std::uint32_t>(offsetof(seccomp_data, args) +
                                    sizeof(std::uint64_t) * index +
                                    (big_endian ? 0 : 4));
}

// A forward-only assembler for the few jumps the filter needs. Classic
// BPF jumps are relative and at most 255 instructions ahead; the whole
// filter is far shorter.
class Assembler {
 public:
  enum Label {
    kNext = -1,
    kCompat,
    kAllow,
    kNotTcp,
    kSocket,
    kSocketcall,
    kDomainOk,
    kNotify,
    kProof,
    kProofLast = kProof + kProofCalls,  // kProof, then one answer per call
    kLabels
  };

  void load(std::uint32_t offset) {
    code_.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offset));
  }
  void mask(std::uint32_t bits) {
    code_.push_back(BPF_STMT(BPF_ALU | BPF_AND | BPF_K, bits));
  }
  void ret(std::uint32_t action) {
    code_.push_back(BPF_STMT(BPF_RET | BPF_K, action));
  }
  // if (A == value) goto on_equal; else goto otherwise.
  void jump_if(std::uint32_t value, Label on_equal, Label otherwise) {
    jumps_.push_back({code_.size(), on_equal, otherwise});
    code_.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, value, 0, 0));
  }
  void place(Label label) { at_[label] = code_.size(); }

  std::vector<sock_filter> finish() {
    for (const Jump& j : jumps_) {
      code_[j.at].jt = offset(j.at, j.on_equal);
      code_[j.at].jf = offset(j.at, j.otherwise);
    }
    return code_;
  }

 private:
  struct Jump {
    std::size_t at;
    Label on_equal;
    Label otherwise;
  };
  std::uint8_t offset(std::size_t from, Label to) const {
    return to == kNext ? 0 : static_cast<std::uint8_t>(at_[to] - (from + 1));
  }
  std::vector<sock_filter> code_;
  std::vector<Jump> jumps_;
  std::size_t at_[kLabels] = {};
};

using A = Assembler;

// Routes the numbers of `nr` (native, and the alias ABI's) to `target`.
void route(Assembler& a, const SyscallAbi& abi, std::uint32_t nr, A::Label target) {
  a.jump_if(nr, target, A::kNext);
  if (abi.alias_bit != 0) a.jump_if(nr | abi.alias_bit, target, A::kNext);
}

// With A = nr: the calls of `abi` the supervisor serves to their blocks;
// the others fall through.
void route_calls(Assembler& a, const SyscallAbi& abi, FilterScope scope) {
  route(a, abi, abi.socket_nr, A::kSocket);
  if (abi.socketcall_nr != kNoCall) a.jump_if(abi.socketcall_nr, A::kSocketcall, A::kNext);
  if (scope.connections) {
    route(a, abi, abi.connect_nr, A::kNotify);
    route(a, abi, abi.listen_nr, A::kNotify);
  }
}

// i386's numbers, as 32-bit x86 programs call them on an x86_64 kernel
// (arch/x86/entry/syscalls/syscall_32.tbl; x86_64's own headers cannot
// name them beside its own): socket 359, connect 362, listen 363, and
// socketcall 102, which glibc and Go's GOARCH=386 use.
constexpr SyscallAbi kI386{"i386", AUDIT_ARCH_I386, 359, 362, 363, 0, false, 102, 4, nullptr};

}  // namespace

std::optional<SyscallAbi> native_abi() {
  constexpr bool big_endian = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
  constexpr std::uint32_t socket_nr = __NR_socket;
  constexpr std::uint32_t connect_nr = __NR_connect;
  constexpr std::uint32_t listen_nr = __NR_listen;
#if defined(__x86_64__) && !defined(__ILP32__)
  return SyscallAbi{"x86_64", AUDIT_ARCH_X86_64, socket_nr, connect_nr, listen_nr,
                    __X32_SYSCALL_BIT, big_endian, kNoCall, 8, &kI386};
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
  return SyscallAbi{"aarch64", AUDIT_ARCH_AARCH64, socket_nr, connect_nr, listen_nr,
                    0, big_endian, kNoCall, 8, nullptr};
#elif defined(__s390x__)
  // glibc and Go on s390x make every socket call through socketcall.
  return SyscallAbi{"s390x", AUDIT_ARCH_S390X, socket_nr, connect_nr, listen_nr,
                    0, big_endian, __NR_socketcall, 8, nullptr};
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
  // Its socketcall is not served: the library reaches its programs.
  return SyscallAbi{"ppc64le", AUDIT_ARCH_PPC64LE, socket_nr, connect_nr, listen_nr,
                    0, big_endian, kNoCall, 8, nullptr};
#elif defined(__riscv) && __riscv_xlen == 64
  return SyscallAbi{"riscv64", AUDIT_ARCH_RISCV64, socket_nr, connect_nr, listen_nr,
                    0, big_endian, kNoCall, 8, nullptr};
#else
  (void)socket_nr;
  (void)connect_nr;
  (void)listen_nr;
  (void)big_endian;
  return std::nullopt;
#endif
}

const SyscallAbi* abi_of_arch(const SyscallAbi& native, std::uint32_t arch) {
  if (arch == native.audit_arch) return &native;
  if (native.compat != nullptr && arch == native.compat->audit_arch) return native.compat;
  return nullptr;
}

std::vector<sock_filter> build_filter(const SyscallAbi& abi, FilterScope scope) {
  // The argument blocks below read at the native ABI's word places: a
  // compat call's 32-bit arguments are zero-extended into the same slots.
  const SyscallAbi* compat = abi.compat;
  Assembler a;
  // The constant part, all the kernel's cache emulates: arch, then nr.
  a.load(kArch);
  a.jump_if(abi.audit_arch, A::kNext, compat != nullptr ? A::kCompat : A::kAllow);
  a.load(kNr);
  route_calls(a, abi, scope);
  if (compat != nullptr) {
    a.ret(SECCOMP_RET_ALLOW);
    a.place(A::kCompat);
    a.jump_if(compat->audit_arch, A::kNext, A::kAllow);
    a.load(kNr);
    route_calls(a, *compat, scope);
  }
  a.place(A::kAllow);
  a.ret(SECCOMP_RET_ALLOW);

  // socketcall(call, args): only the call is in seccomp_data, its
  // arguments are behind the pointer; the supervisor reads and rules.
  a.place(A::kSocketcall);
  a.load(low_half(0, abi.big_endian));
  a.jump_if(SYS_SOCKET, A::kNotify, A::kNext);
  if (scope.connections) {
    a.jump_if(SYS_CONNECT, A::kNotify, A::kNext);
    a.jump_if(SYS_LISTEN, A::kNotify, A::kNext);
  }
  a.ret(SECCOMP_RET_ALLOW);

  // socket(domain, type, protocol): the library's own sockets pass
  // (base/library_mark.h); the rest is is_tcp_socket(), in BPF.
  a.place(A::kSocket);
  a.load(high_half(1, abi.big_endian));
  a.jump_if(kLibraryMark, A::kNotTcp, A::kNext);
  if (scope.supervisor > 0) a.jump_if(kProofMark, A::kProof, A::kNext);
  a.load(low_half(0, abi.big_endian));
  a.jump_if(AF_INET, A::kDomainOk, A::kNext);
  a.jump_if(AF_INET6, A::kNext, A::kNotTcp);
  a.place(A::kDomainOk);
  a.load(low_half(1, abi.big_endian));
  a.mask(kSockTypeMask);
  a.jump_if(SOCK_STREAM, A::kNext, A::kNotTcp);
  a.load(low_half(2, abi.big_endian));
  a.jump_if(0, A::kNotify, A::kNext);
  a.jump_if(IPPROTO_TCP, A::kNotify, A::kNotTcp);
  a.place(A::kNotTcp);
  a.ret(SECCOMP_RET_ALLOW);
  a.place(A::kNotify);
  a.ret(SECCOMP_RET_USER_NOTIF);
  if (scope.supervisor > 0) {
    // The proof calls (base/library_mark.h): the k of socket(-1, mark | k, 0).
    a.place(A::kProof);
    a.load(low_half(1, abi.big_endian));
    for (int k = 0; k < kProofCalls; ++k) {
      a.jump_if(static_cast<std::uint32_t>(k), static_cast<A::Label>(A::kProof + 1 + k),
                A::kNext);
    }
    a.ret(SECCOMP_RET_ALLOW);
    for (int k = 0; k < kProofCalls; ++k) {
      a.place(static_cast<A::Label>(A::kProof + 1 + k));
      a.ret(SECCOMP_RET_ERRNO |
            static_cast<std::uint32_t>(proof_answer(scope.supervisor, k)));
    }
  }
  return a.finish();
}

}  // namespace smc
