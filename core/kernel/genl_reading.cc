#include "core/kernel/genl_reading.h"

#include <linux/netlink.h>

#include <cerrno>

#include <fmt/format.h>

#include "base/smc_abi.h"

namespace smc::genl {
namespace {

// The SMC family's id; an error that says what is missing otherwise.
Result<std::uint16_t> family(const std::string& what, int* errno_out) {
  int error = 0;
  const Result<std::uint16_t> id = genl_family_id(kSmcGenlFamilyName, &error);
  if (id) return id;
  if (errno_out != nullptr) *errno_out = error;
  // The genl controller answers ENOENT for a family nobody registered.
  if (error == ENOENT) {
    return system_error(fmt::format(
        "{}: the kernel has no SMC generic netlink (smc module not loaded)", what));
  }
  return system_error(fmt::format("{}: {}", what, std::strerror(error)));
}

}  // namespace

std::optional<std::uint64_t> uint_value(const NetlinkAttribute& a) {
  if (a.data.size() >= sizeof(std::uint64_t)) return number<std::uint64_t>(a);
  const auto small = number<std::uint32_t>(a);
  if (!small) return std::nullopt;
  return *small;
}

std::string text(const NetlinkAttribute& a) {
  const char* p = reinterpret_cast<const char*>(a.data.data());
  return std::string(p, strnlen(p, a.data.size()));
}

std::string without_padding(std::string s) {
  const std::size_t end = s.find_last_not_of(' ');
  s.erase(end == std::string::npos ? 0 : end + 1);
  return s;
}

std::optional<std::vector<NetlinkAttribute>> nested(const NetlinkMessage& message,
                                                    std::uint16_t nest) {
  const auto top = genl_attributes(message);
  if (!top) return std::nullopt;
  for (const NetlinkAttribute& a : *top) {
    if (a.type == nest) return split_attributes(a.data, 0);
  }
  return std::nullopt;
}

Result<Ok> dump(std::uint8_t command, const std::string& what,
                const std::function<void(const NetlinkMessage&)>& on_message,
                int* errno_out) {
  if (errno_out != nullptr) *errno_out = 0;
  const Result<std::uint16_t> id = family(what, errno_out);
  if (!id) return id.error();
  const NetlinkRequest dump_request =
      genl_request(*id, command, kSmcGenlFamilyVersion, NLM_F_REQUEST | NLM_F_DUMP);
  return netlink_exchange(
      NETLINK_GENERIC, dump_request, what,
      [&](const NetlinkMessage& m) {
        if (m.type == *id) on_message(m);
      },
      errno_out);
}

Result<Ok> request(std::uint8_t command, const std::string& what, int* errno_out) {
  if (errno_out != nullptr) *errno_out = 0;
  const Result<std::uint16_t> id = family(what, errno_out);
  if (!id) return id.error();
  const NetlinkRequest r =
      genl_request(*id, command, kSmcGenlFamilyVersion, NLM_F_REQUEST | NLM_F_ACK);
  return netlink_exchange(NETLINK_GENERIC, r, what, [](const NetlinkMessage&) {}, errno_out);
}

Error malformed(const std::string& what, int* errno_out) {
  if (errno_out != nullptr) *errno_out = EBADMSG;
  return system_error(fmt::format("{}: malformed reply from the kernel", what));
}

}  // namespace smc::genl
