#include "core/kernel/netlink.h"

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace smc {
namespace {

void put(std::vector<std::byte>& out, const void* data, std::size_t length) {
  const auto* p = static_cast<const std::byte*>(data);
  out.insert(out.end(), p, p + length);
}

void pad(std::vector<std::byte>& out, std::size_t alignment) {
  out.resize((out.size() + alignment - 1) / alignment * alignment);
}

template <typename T>
T read_as(Bytes bytes) {
  T value{};
  std::memcpy(&value, bytes.data(), sizeof value);
  return value;
}

}  // namespace

NetlinkRequest::NetlinkRequest(std::uint16_t type, std::uint16_t flags)
    : type_(type), flags_(flags) {}

NetlinkRequest& NetlinkRequest::payload(const void* data, std::size_t length) {
  put(body_, data, length);
  pad(body_, NLMSG_ALIGNTO);
  return *this;
}

NetlinkRequest& NetlinkRequest::attribute(std::uint16_t type, const void* data,
                                          std::size_t length) {
  const nlattr header{static_cast<std::uint16_t>(NLA_HDRLEN + length), type};
  put(body_, &header, sizeof header);
  pad(body_, NLA_ALIGNTO);
  put(body_, data, length);
  pad(body_, NLA_ALIGNTO);
  return *this;
}

NetlinkRequest& NetlinkRequest::string_attribute(std::uint16_t type,
                                                 const std::string& s) {
  return attribute(type, s.c_str(), s.size() + 1);
}

std::vector<std::byte> NetlinkRequest::bytes(std::uint32_t seq) const {
  nlmsghdr header{};
  header.nlmsg_len = static_cast<std::uint32_t>(NLMSG_HDRLEN + body_.size());
  header.nlmsg_type = type_;
  header.nlmsg_flags = flags_;
  header.nlmsg_seq = seq;
  std::vector<std::byte> out;
  put(out, &header, sizeof header);
  pad(out, NLMSG_ALIGNTO);
  out.insert(out.end(), body_.begin(), body_.end());
  return out;
}

std::optional<std::vector<NetlinkMessage>> split_messages(Bytes datagram) {
  std::vector<NetlinkMessage> messages;
  std::size_t offset = 0;
  while (datagram.size() - offset >= sizeof(nlmsghdr)) {
    const auto header = read_as<nlmsghdr>(datagram.subspan(offset));
    if (header.nlmsg_len < NLMSG_HDRLEN ||
        header.nlmsg_len > datagram.size() - offset) {
      return std::nullopt;
    }
    messages.push_back({header.nlmsg_type, header.nlmsg_flags,
                        header.nlmsg_seq,
                        datagram.subspan(offset + NLMSG_HDRLEN,
                                         header.nlmsg_len - NLMSG_HDRLEN)});
    offset += NLMSG_ALIGN(header.nlmsg_len);
    if (offset > datagram.size()) offset = datagram.size();
  }
  if (offset != datagram.size()) return std::nullopt;
  return messages;
}

std::optional<std::vector<NetlinkAttribute>> split_attributes(
    Bytes payload, std::size_t header_size) {
  const std::size_t start = NLMSG_ALIGN(header_size);
  if (start > payload.size()) return std::nullopt;
  std::vector<NetlinkAttribute> attributes;
  std::size_t offset = start;
  while (payload.size() - offset >= sizeof(nlattr)) {
    const auto header = read_as<nlattr>(payload.subspan(offset));
    if (header.nla_len < NLA_HDRLEN || header.nla_len > payload.size() - offset) {
      return std::nullopt;
    }
    attributes.push_back(
        {static_cast<std::uint16_t>(header.nla_type & NLA_TYPE_MASK),
         payload.subspan(offset + NLA_HDRLEN, header.nla_len - NLA_HDRLEN)});
    offset += NLA_ALIGN(header.nla_len);
    if (offset > payload.size()) offset = payload.size();
  }
  if (offset != payload.size()) return std::nullopt;
  return attributes;
}

std::optional<int> error_code(const NetlinkMessage& message) {
  if (message.payload.size() < sizeof(int)) return std::nullopt;
  return read_as<int>(message.payload);
}

Result<Ok> netlink_exchange(
    int protocol, const NetlinkRequest& request, const std::string& what,
    const std::function<void(const NetlinkMessage&)>& on_message,
    int* errno_out) {
  auto fail = [&](int error, const std::string& detail) -> Result<Ok> {
    if (errno_out != nullptr) *errno_out = error;
    return system_error(fmt::format("{}: {}", what, detail));
  };
  if (errno_out != nullptr) *errno_out = 0;
  // Without one of these flags the kernel may send no final message, and
  // the loop below would wait for ever.
  if ((request.flags() & (NLM_F_DUMP | NLM_F_ACK)) == 0) {
    return fail(EINVAL, "request asks neither for a dump nor for an ack");
  }
  const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
  if (fd < 0) return fail(errno, std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};

  constexpr std::uint32_t kSeq = 1;
  const std::vector<std::byte> message = request.bytes(kSeq);
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (sendto(fd, message.data(), message.size(), 0,
             reinterpret_cast<const sockaddr*>(&kernel), sizeof kernel) < 0) {
    return fail(errno, std::strerror(errno));
  }

  // Dumps come in datagrams of up to 32 KiB (netlink_dump_control's
  // min_dump_alloc for SMC_DIAG); a larger buffer never truncates them.
  std::vector<std::byte> buffer(64 * 1024);
  while (true) {
    const ssize_t n = recv(fd, buffer.data(), buffer.size(), MSG_TRUNC);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno, std::strerror(errno));
    if (static_cast<std::size_t>(n) > buffer.size()) {
      return fail(EMSGSIZE, "reply larger than the receive buffer");
    }
    const auto messages =
        split_messages(Bytes(buffer.data(), static_cast<std::size_t>(n)));
    if (!messages) return fail(EBADMSG, "malformed reply from the kernel");
    for (const NetlinkMessage& m : *messages) {
      if (m.seq != kSeq) continue;
      if (m.type == NLMSG_DONE) return Ok{};
      if (m.type == NLMSG_ERROR) {
        const std::optional<int> code = error_code(m);
        if (!code) return fail(EBADMSG, "malformed error reply");
        if (*code == 0) return Ok{};  // the acknowledgement
        return fail(-*code, std::strerror(-*code));
      }
      on_message(m);
    }
  }
}

NetlinkRequest genl_request(std::uint16_t family, std::uint8_t command,
                            std::uint8_t version, std::uint16_t flags) {
  NetlinkRequest request(family, flags);
  genlmsghdr genl{};
  genl.cmd = command;
  genl.version = version;
  request.payload(&genl, sizeof genl);
  return request;
}

std::optional<std::vector<NetlinkAttribute>> genl_attributes(
    const NetlinkMessage& message) {
  return split_attributes(message.payload, GENL_HDRLEN);
}

Result<std::uint16_t> genl_family_id(const std::string& name, int* errno_out) {
  NetlinkRequest request = genl_request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1,
                                        NLM_F_REQUEST | NLM_F_ACK);
  request.string_attribute(CTRL_ATTR_FAMILY_NAME, name);
  std::optional<std::uint16_t> id;
  const Result<Ok> r = netlink_exchange(
      NETLINK_GENERIC, request,
      fmt::format("generic netlink family {} is not available", name),
      [&](const NetlinkMessage& m) {
        const auto attributes = genl_attributes(m);
        if (!attributes) return;
        for (const NetlinkAttribute& a : *attributes) {
          if (a.type == CTRL_ATTR_FAMILY_ID && a.data.size() >= 2) {
            id = read_as<std::uint16_t>(a.data);
          }
        }
      },
      errno_out);
  if (!r) return r.error();
  if (!id) {
    if (errno_out != nullptr) *errno_out = EBADMSG;
    return system_error(
        fmt::format("generic netlink family {}: no id in the reply", name));
  }
  return *id;
}

}  // namespace smc
