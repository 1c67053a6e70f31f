// What the kernel sends back, as we read it: any datagram is split into
// messages and attributes, or refused, and SMC_DIAG and SMC generic netlink
// messages parse into a socket, device or EID or are refused; nothing
// reads outside the input.
#include <cstddef>
#include <cstdint>

#include "core/netlink/netlink.h"
#include "core/smc_diag/smc_diag.h"
#include "core/smc_genl/smc_genl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const smc::Bytes bytes(reinterpret_cast<const std::byte*>(data), size);
  if (const auto messages = smc::split_messages(bytes)) {
    for (const smc::NetlinkMessage& m : *messages) {
      (void)smc::split_attributes(m.payload, 4);
      (void)smc::error_code(m);
      if (const auto s = smc::parse_smc_diag(m.payload)) {
        (void)smc::describe_decline(s->fallback_reason);
      }
      (void)smc::parse_system_info(m);
      (void)smc::parse_smcd_device(m);
      if (const auto d = smc::parse_smcr_device(m)) {
        // The kernel sends at most SMC_MAX_PORTS (2) ports.
        if (d->ports.size() > 2) __builtin_trap();
      }
      (void)smc::parse_seid(m);
    }
  }
  (void)smc::parse_smc_diag(bytes);
  return 0;
}
