// The scopes in the pinned maps (scope_maps.h): adding, listing, deleting
// and pruning them. Changes are made under the state's lock
// (pinned_state.h), in an order that never lets the socket program
// convert for a scope that is not there: a scope's record is written
// before its members and deleted before them (the program converts only
// where it finds the record).
//
// Stale state is found here, from the maps and the file system, and only
// removed when asked (prune_scopes, delete_scope): a tree whose processes
// all ended, a network namespace no process or file holds any more, a
// cgroup whose parent was removed. A cgroup that was itself removed is not
// stale: its scope waits, and the kernel puts the cgroup made again at the
// same place back in it (cgroup_mkdir.bpf.c).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bpf/pinned_state.h"
#include "core/bpf/scope_maps.h"
#include "core/bpf/scope_target.h"
#include "core/common/result.h"

namespace smc::bpf {

enum class ScopeState {
  kActive,   // in force: its processes' new TCP sockets become SMC
  kWaiting,  // cgroup: removed; in force again once made at the same place
  kEnded,    // tree: no process of it is left
  kGone,     // netns: nothing holds it any more; cgroup: the one above was removed
};

struct Scope {
  std::uint32_t id;
  smc_scope_record record;
  ScopeState state;
  std::uint32_t processes;  // tree: its processes now
  std::uint64_t cgroup_id;  // cgroup: the id it is matched by now, 0 when none
};

std::string_view state_name(ScopeState state);
std::string_view kind_name(std::uint32_t kind);
// Ended or gone: it can never apply again, and prune removes it.
bool is_stale(ScopeState state);

struct Added {
  std::uint32_t id;
  bool already;  // the same scope was in force already: nothing changed
};

// Drops, from the maps kept by the kernel, what names no scope, and the
// ids of cgroups that are gone; puts back a scoped cgroup made again that
// the kernel could not see (made while the scope was being added). It
// walks every map: smc_scope's commands run it before they change the
// state (add_scope; delete_scope and prune_scopes do themselves), and a
// launch, which adds only its own pid, does not.
Result<Ok> tidy(PinnedState& state);

// The adds do not tidy: an entry whose scope is gone is not taken for a
// scope (its record is read) but written over.
// `launched`: smc_run's tree for a program it starts, whose record the
// kernel removes when its last process ends (SMC_SCOPE_LAUNCHED).
Result<Added> add_tree(PinnedState& state, const ProcessTarget& process, bool launched = false);
Result<Added> add_cgroup(PinnedState& state, const CgroupTarget& cgroup);
Result<Added> add_netns(PinnedState& state, const NetnsTarget& netns);

// Writes in_force (scope_maps.h) anew from the records. The adds of
// cgroups and namespaces, delete_scope and prune_scopes do, once their
// change is made: a scope is looked for only once all of it is in the maps,
// and no longer once it is gone. A launch's tree needs none.
Result<Ok> publish_in_force(PinnedState& state);
// Every scope, by id, with its state now.
Result<std::vector<Scope>> list_scopes(const PinnedState& state);

// The scope that `del KIND VALUE` names: a tree by the process it was
// added for, a cgroup by its path, a network namespace by its file, its
// process or the namespace itself. A usage error naming VALUE when there
// is none.
Result<Scope> find_scope(const PinnedState& state, std::uint32_t kind, std::string_view value);

// Removes a scope and everything that names it.
Result<Ok> delete_scope(PinnedState& state, const Scope& scope);

// Removes every stale scope; returns them.
Result<std::vector<Scope>> prune_scopes(PinnedState& state);

}  // namespace smc::bpf
