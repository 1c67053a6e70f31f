// Which call a notification is, and its arguments. The filter
// (seccomp_filter.h) sends socket(), connect() and listen() directly by
// their numbers, or through socketcall(2) (s390x natively; 32-bit x86
// programs on x86_64), which passes the call's number and a pointer to an
// argument block in the caller's memory: words of the calling ABI's
// unsigned long (net/socket.c, SYSCALL_DEFINE2(socketcall); for 32-bit
// programs on a 64-bit kernel net/compat.c, COMPAT_SYSCALL_DEFINE2). Pure:
// the supervisor reads the block, this says how much and what it means.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/supervisor/seccomp_filter.h"

namespace smc {

enum class ServedCallKind {
  kSocket,
  kConnect,
  kListen,
  kSocketcall,  // one of the three, its arguments still behind the pointer
  kOther,       // no call the supervisor serves
};

// The call `nr` (its x32 bit already cleared) of `abi`.
ServedCallKind served_call_kind(const SyscallAbi& abi, std::uint32_t nr);

// socketcall's `call` argument (include/uapi/linux/net.h: SYS_SOCKET,
// SYS_CONNECT, SYS_LISTEN); kOther for the calls it is not sent for.
ServedCallKind socketcall_kind(std::uint64_t call);

// How many words of arguments the kernel reads for it (net/socket.c,
// nargs): 3 for socket and connect, 2 for listen; 0 for the others.
int socketcall_words(ServedCallKind kind);

// The block's largest size: three 8-byte words.
inline constexpr std::size_t kSocketcallBlockMax = 3 * 8;

// The caller's address of the block (socketcall's second argument; a
// 32-bit ABI's pointer is its low 32 bits).
std::uint64_t socketcall_block_address(const SyscallAbi& abi, std::uint64_t arg);

// A served call's first three arguments as the direct call passes them;
// those it does not take are 0.
struct ServedCallArgs {
  std::uint64_t arg[3];
};

// The arguments in a block of `words` words read from the caller, laid
// out by `abi` (its word size and byte order).
ServedCallArgs decode_socketcall_block(const SyscallAbi& abi, const unsigned char* block,
                                       int words);

}  // namespace smc
