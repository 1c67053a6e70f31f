#include "core/supervisor/served_call.h"

#include <doctest/doctest.h>
#include <linux/audit.h>

namespace smc {
namespace {

// i386 on x86_64 and s390x, as the kernels number them
// (arch/x86/entry/syscalls/syscall_32.tbl, arch/s390/kernel/syscalls/syscall.tbl).
const SyscallAbi kI386{"i386", AUDIT_ARCH_I386, 359, 362, 363, 0, false, 102, 4, nullptr};
const SyscallAbi kS390x{"s390x", AUDIT_ARCH_S390X, 359, 362, 363, 0, true, 102, 8, nullptr};
const SyscallAbi kX86{"x86_64", AUDIT_ARCH_X86_64, 41, 42, 50, 0x40000000, false, kNoCall, 8,
                      &kI386};

TEST_CASE("a call is known by its ABI's number, socketcall only where the ABI has it") {
  CHECK(served_call_kind(kI386, 359) == ServedCallKind::kSocket);
  CHECK(served_call_kind(kI386, 362) == ServedCallKind::kConnect);
  CHECK(served_call_kind(kI386, 363) == ServedCallKind::kListen);
  CHECK(served_call_kind(kI386, 102) == ServedCallKind::kSocketcall);
  CHECK(served_call_kind(kS390x, 102) == ServedCallKind::kSocketcall);
  CHECK(served_call_kind(kX86, 41) == ServedCallKind::kSocket);
  // x86_64's 102 is getuid, and its 359 nothing of ours.
  CHECK(served_call_kind(kX86, 102) == ServedCallKind::kOther);
  CHECK(served_call_kind(kX86, 359) == ServedCallKind::kOther);
  CHECK(served_call_kind(kI386, 41) == ServedCallKind::kOther);
}

TEST_CASE("socketcall's call numbers name socket, connect and listen, and how many words each reads") {
  CHECK(socketcall_kind(1) == ServedCallKind::kSocket);   // SYS_SOCKET
  CHECK(socketcall_kind(3) == ServedCallKind::kConnect);  // SYS_CONNECT
  CHECK(socketcall_kind(4) == ServedCallKind::kListen);   // SYS_LISTEN
  for (std::uint64_t other : {0ull, 2ull, 5ull, 20ull, 21ull, 0x100000001ull - 2}) {
    CAPTURE(other);
    CHECK(socketcall_kind(other) == ServedCallKind::kOther);
  }
  // The kernel takes the call as an int: upper halves do not count.
  CHECK(socketcall_kind(0x500000001ull) == ServedCallKind::kSocket);
  CHECK(socketcall_words(ServedCallKind::kSocket) == 3);
  CHECK(socketcall_words(ServedCallKind::kConnect) == 3);
  CHECK(socketcall_words(ServedCallKind::kListen) == 2);
  CHECK(socketcall_words(ServedCallKind::kOther) == 0);
}

TEST_CASE("an i386 block is 32-bit little-endian words, its pointer 32 bits") {
  // socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP)
  const unsigned char block[] = {10, 0, 0, 0, 1, 0, 8, 0, 6, 0, 0, 0};
  const ServedCallArgs args = decode_socketcall_block(kI386, block, 3);
  CHECK(args.arg[0] == 10);
  CHECK(args.arg[1] == (1 | 0x80000));
  CHECK(args.arg[2] == 6);
  CHECK(socketcall_block_address(kI386, 0xffffffff'ffd0c0a0ull) == 0xffd0c0a0ull);
}

TEST_CASE("an s390x block is 64-bit big-endian words") {
  // connect(5, 0x3ff'fffe'f0a8, 16)
  const unsigned char block[] = {0, 0, 0, 0, 0, 0, 0, 5,
                                 0, 0, 0x03, 0xff, 0xff, 0xfe, 0xf0, 0xa8,
                                 0, 0, 0, 0, 0, 0, 0, 16};
  const ServedCallArgs args = decode_socketcall_block(kS390x, block, 3);
  CHECK(args.arg[0] == 5);
  CHECK(args.arg[1] == 0x3fffffef0a8ull);
  CHECK(args.arg[2] == 16);
  CHECK(socketcall_block_address(kS390x, 0x3fffffef0a8ull) == 0x3fffffef0a8ull);
}

TEST_CASE("listen's block has two words; the third argument stays 0") {
  const unsigned char block[] = {7, 0, 0, 0, 0x80, 0, 0, 0, 0xee, 0xee, 0xee, 0xee};
  const ServedCallArgs args = decode_socketcall_block(kI386, block, 2);
  CHECK(args.arg[0] == 7);
  CHECK(args.arg[1] == 128);
  CHECK(args.arg[2] == 0);
}

}  // namespace
}  // namespace smc
