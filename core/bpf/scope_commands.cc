#include "core/bpf/scope_commands.h"

#include <fmt/format.h>

#include "core/bpf/pinned_state.h"
#include "core/bpf/probe.h"
#include "core/bpf/scope_target.h"
#include "core/common/quote.h"

namespace smc::bpf {
namespace {

// What reading or changing an existing state needs.
Result<Ok> may_use_state() {
  if (Result<Ok> r = check_privileges(); !r) return r;
  return check_bpffs();
}

Result<Added> add_to(PinnedState& state, std::uint32_t kind, const ProcessTarget* process,
                     const CgroupTarget* cgroup, const NetnsTarget* netns) {
  switch (kind) {
    case SMC_SCOPE_TREE:
      return add_tree(state, *process);
    case SMC_SCOPE_CGROUP:
      return add_cgroup(state, *cgroup);
    default:
      return add_netns(state, *netns);
  }
}

// The state for a launch whose probe found none attached, made or
// completed with the BTF the probe read; one made and attached meanwhile by
// another launch is taken as it is, and one that is incomplete refused (as
// open_existing says), never made over.
Result<PinnedState> state_for_launch(const KernelBtf& btf) {
  Result<std::optional<PinnedState>> existing = open_existing(true);
  if (!existing) return existing.error();
  if (*existing && (*existing)->attached()) return std::move(**existing);
  existing->reset();  // its lock, for open_for_change to take
  return open_for_change(btf);
}

}  // namespace

Result<LaunchSupport> launch_support() {
  if (Result<Ok> r = may_use_state(); !r) return r.error();
  // One socket() before the kernel's BTF (megabytes): auto as root asks
  // this at every launch, and a host without SMC should not pay for BTF.
  if (Result<Ok> r = check_ipproto_smc(); !r) return r.error();
  {
    Result<std::optional<PinnedState>> existing = open_existing(true);
    if (existing && *existing && (*existing)->attached()) {
      return LaunchSupport{std::move(*existing), std::nullopt};
    }
  }  // its lock let go: the registration makes the state, and takes it
  Result<KernelBtf> btf = read_kernel_btf();
  if (!btf) return btf.error();
  if (Result<Ok> r = check_hook(*btf); !r) return r.error();
  return LaunchSupport{std::nullopt, std::move(*btf)};
}

Result<Added> register_launch(LaunchSupport support) {
  const ProcessTarget self = this_process();
  if (support.attached) return add_tree(*support.attached, self, true);
  if (!support.btf) return system_error("the BPF hook was not probed before the registration");
  Result<PinnedState> state = state_for_launch(*support.btf);
  if (!state) return state.error();
  return add_tree(*state, self, true);
}

Result<AddedScope> add_scope(std::uint32_t kind, std::string_view value) {
  std::optional<ProcessTarget> process;
  std::optional<CgroupTarget> cgroup;
  std::optional<NetnsTarget> netns;
  if (kind == SMC_SCOPE_TREE) {
    Result<ProcessTarget> t = resolve_process(value);
    if (!t) return t.error();
    process = std::move(*t);
  } else if (kind == SMC_SCOPE_CGROUP) {
    Result<CgroupTarget> t = resolve_cgroup(value);
    if (!t) return t.error();
    cgroup = std::move(*t);
  } else {
    // Entering a namespace to read its cookie takes privileges.
    if (Result<Ok> r = check_privileges(); !r) return r.error();
    Result<NetnsTarget> t = resolve_netns(value);
    if (!t) return t.error();
    netns = std::move(*t);
  }
  Result<KernelBtf> btf = probe_for_scopes();
  if (!btf) return btf.error();
  Result<PinnedState> state = open_for_change(*btf);
  if (!state) return state.error();
  if (Result<Ok> r = tidy(*state); !r) return r.error();
  Result<Added> added = add_to(*state, kind, process ? &*process : nullptr,
                               cgroup ? &*cgroup : nullptr, netns ? &*netns : nullptr);
  if (!added) return added.error();
  Result<std::vector<Scope>> all = list_scopes(*state);
  if (!all) return all.error();
  for (const Scope& s : *all) {
    if (s.id == added->id) return AddedScope{s, added->already};
  }
  return system_error("the scope just added is not in the map");
}

Result<Scope> delete_named_scope(std::uint32_t kind, std::string_view value) {
  if (Result<Ok> r = may_use_state(); !r) return r.error();
  Result<std::optional<PinnedState>> state = open_existing(true);
  if (!state) return state.error();
  if (!*state) {
    return usage_error(fmt::format("there is no {} scope for {}", kind_name(kind), quote_value(value)));
  }
  Result<Scope> found = find_scope(**state, kind, value);
  if (!found) return found.error();
  if (Result<Ok> r = delete_scope(**state, *found); !r) return r.error();
  return found;
}

Result<std::vector<Scope>> prune_stale_scopes() {
  if (Result<Ok> r = may_use_state(); !r) return r.error();
  Result<std::optional<PinnedState>> state = open_existing(true);
  if (!state) return state.error();
  if (!*state) return std::vector<Scope>();
  return prune_scopes(**state);
}

Result<std::vector<std::string>> clear_scopes() {
  if (Result<Ok> r = may_use_state(); !r) return r.error();
  return clear_state();
}

Result<Listing> list_all_scopes() {
  if (Result<Ok> r = may_use_state(); !r) return r.error();
  Result<std::optional<PinnedState>> state = open_existing(false);
  if (!state) return state.error();
  if (!*state) return Listing{false, false, {}};
  Result<std::vector<Scope>> all = list_scopes(**state);
  if (!all) return all.error();
  return Listing{true, (*state)->attached(), std::move(*all)};
}

}  // namespace smc::bpf
