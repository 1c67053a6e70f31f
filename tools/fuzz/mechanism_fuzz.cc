// The mechanism choice on any facts: the library is offered only to a
// PROGRAM that loads it; a PROGRAM nothing serves is named in a warning,
// or refused under --strict and only then; a refusal comes only under
// --strict or for a usage error (bpf with a connection filter); and the
// supervisor is said to serve PROGRAM only when its filter sees PROGRAM's
// calls, the BPF hook only when it was found working.
#include <cstdint>
#include <cstdlib>

#include "core/launch/mechanism.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  const auto bit = [&](int n) { return ((data[n / 8] >> (n % 8)) & 1) != 0; };
  smc::Reach reach;
  reach.offer_library = bit(0);
  if (bit(1)) reach.blind = "/p is statically linked";
  if (bit(2)) reach.privileged = "/p is setuid (owner uid 1)";
  if (bit(3)) reach.unreadable = "/p cannot be read by smc_run (Permission denied)";
  if (bit(4)) reach.warnings.push_back("/p: a warning");
  smc::MechanismFacts f;
  f.request = static_cast<smc::MechanismRequest>(data[1] % 4);
  f.program = "/p";
  f.reach = &reach;
  f.seccomp = {bit(16), bit(16) ? "" : "no seccomp user notification"};
  f.privileges = {bit(17), bit(18), bit(19)};
  f.outer_supervisor = bit(20) ? 4242 : 0;
  if (bit(21)) f.unshared = {"-d"};
  f.init_process = bit(22);
  f.strict = bit(23);
  f.other_abi_served = bit(24);
  f.filter = bit(25);
  if (bit(26)) f.bpf_why_not = bit(27) ? "" : "no BPF file system is mounted at '/sys/fs/bpf'";
  f.bpf_failed_at_launch = bit(28);
  const smc::MechanismChoice c = smc::choose_mechanism(f);
  const bool filter_sees = reach.offer_library || f.other_abi_served;
  if (c.library && !smc::carries_library(reach)) std::abort();
  if (c.refusal && !f.strict && !c.refusal_is_usage) std::abort();
  if (c.bpf && !(f.bpf_why_not && f.bpf_why_not->empty())) std::abort();
  if (c.refusal && (c.seccomp || !c.warnings.empty())) std::abort();
  if (!c.served && !c.refusal && c.warnings.empty()) std::abort();
  if (!c.served && f.strict && !c.refusal) std::abort();
  if (c.served && !c.library && !c.bpf && !(filter_sees && (c.seccomp || f.outer_supervisor > 0))) {
    std::abort();
  }
  return 0;
}
