// What smc_scope's commands do, whole: checks, the pinned state opened
// (or made) and locked, the change. The smc_scope role adds its command
// line and output to these; smc_run's launcher uses them to register the
// tree of a program it starts (add_scope(SMC_SCOPE_TREE, its own pid),
// before it execs the program) and to read that scope's count afterwards.
// Errors: kUsage for a value that names nothing (or no scope), kUnsupported
// for what the host lacks, kNotPermitted for the caller's privileges.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bpf/pinned_state.h"
#include "core/bpf/scopes.h"
#include "core/common/result.h"

namespace smc::bpf {

struct AddedScope {
  Scope scope;   // as list shows it now
  bool already;  // it was in force before: nothing changed
};

// add KIND VALUE: the value checked first (nothing is made for a bad
// one), then the host (probe.h), then the state made if needed.
Result<AddedScope> add_scope(std::uint32_t kind, std::string_view value);

// del KIND VALUE: the scope removed; what it was.
Result<Scope> delete_named_scope(std::uint32_t kind, std::string_view value);

// prune: the stale scopes removed; what they were.
Result<std::vector<Scope>> prune_stale_scopes();

// clear: everything removed; the names removed, none when there was no state.
Result<std::vector<std::string>> clear_scopes();

struct Listing {
  bool loaded;    // there is a state at all
  bool attached;  // its programs are attached
  std::vector<Scope> scopes;
};

// What launch_support found, for register_launch, so that a launch probes
// and opens once: the pinned state, opened and locked, when its programs
// are attached; else the kernel's BTF it proved the hook with, for the
// registration to make the state. Holds the state's lock while it lives,
// so the launcher drops it before it starts anything that could inherit
// the descriptor (the supervisor) or execs.
struct LaunchSupport {
  std::optional<PinnedState> attached;
  std::optional<KernelBtf> btf;  // when not attached
};

// What smc_run's --mechanism bpf needs of the host, checked without
// changing anything (so -n may ask too): privileges, bpffs, IPPROTO_SMC,
// then the hook, which only the kernel's BTF (megabytes) tells; where the
// pinned state is already attached its hook was proven when it was made,
// and the BTF is not read.
Result<LaunchSupport> launch_support();

// The calling process registered as a launched tree (SMC_SCOPE_LAUNCHED):
// it and the children it makes from now on, until the last of them ends,
// when the kernel removes the scope. `support` is launch_support's answer:
// where it holds the attached state only the maps change; else the state
// is made (or its programs attached again). `already` when the caller is
// in a tree scope already (a nested launch).
Result<Added> register_launch(LaunchSupport support);

// list: every scope with its state and count.
Result<Listing> list_all_scopes();

}  // namespace smc::bpf
