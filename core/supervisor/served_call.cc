#include "core/supervisor/served_call.h"

#include <linux/net.h>  // SYS_SOCKET, SYS_CONNECT, SYS_LISTEN

namespace smc {

ServedCallKind served_call_kind(const SyscallAbi& abi, std::uint32_t nr) {
  if (nr == abi.socket_nr) return ServedCallKind::kSocket;
  if (nr == abi.connect_nr) return ServedCallKind::kConnect;
  if (nr == abi.listen_nr) return ServedCallKind::kListen;
  if (abi.socketcall_nr != kNoCall && nr == abi.socketcall_nr) return ServedCallKind::kSocketcall;
  return ServedCallKind::kOther;
}

ServedCallKind socketcall_kind(std::uint64_t call) {
  // The kernel takes `call` as an int (SYSCALL_DEFINE2(socketcall, int, ...)).
  switch (static_cast<std::uint32_t>(call)) {
    case SYS_SOCKET:
      return ServedCallKind::kSocket;
    case SYS_CONNECT:
      return ServedCallKind::kConnect;
    case SYS_LISTEN:
      return ServedCallKind::kListen;
    default:
      return ServedCallKind::kOther;
  }
}

int socketcall_words(ServedCallKind kind) {
  switch (kind) {
    case ServedCallKind::kSocket:
    case ServedCallKind::kConnect:
      return 3;
    case ServedCallKind::kListen:
      return 2;
    default:
      return 0;
  }
}

std::uint64_t socketcall_block_address(const SyscallAbi& abi, std::uint64_t arg) {
  return abi.long_size == 4 ? arg & 0xffffffffu : arg;
}

ServedCallArgs decode_socketcall_block(const SyscallAbi& abi, const unsigned char* block,
                                       int words) {
  ServedCallArgs args{};
  const std::size_t size = abi.long_size;
  for (int w = 0; w < words && w < 3; ++w) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i) {
      const std::size_t byte = abi.big_endian ? i : size - 1 - i;  // most significant first
      value = value << 8 | block[w * size + byte];
    }
    args.arg[w] = value;
  }
  return args;
}

}  // namespace smc
