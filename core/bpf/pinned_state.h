// smc_scope's state in the kernel, pinned under /sys/fs/bpf/smc_run: the
// maps of scope_maps.h and a link for each attached program
// (NAME_link). It is made once, by the first scope added: the programs
// are loaded, verified and attached once; everyone after opens the maps
// and only changes their entries. Whoever changes them holds the folder's
// lock (flock), so concurrent smc_scope commands and launches see each
// other's changes whole.
//
// Programs stay attached as long as the state lives, scopes or not, and
// only clear_state() detaches them: each attach or detach patches the
// kernel's code (static keys and trampolines, through text_poke), which
// once oopsed a TCG guest while processes exited (shared/BPF-FACTS.md), so
// it happens twice per state, not per scope.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bpf/kernel_btf.h"
#include "core/common/fd.h"
#include "core/common/result.h"

namespace smc::bpf {

inline constexpr char kStateFolder[] = "/sys/fs/bpf/smc_run";

class PinnedState {
 public:
  PinnedState(std::string folder, Fd lock, std::vector<Fd> maps, bool attached);

  // The map of that name (maps.bpf.h), or -1 for a name no program has
  // (or whose pin is gone). A map not handed to the constructor is opened
  // from the folder at its first use.
  int map(std::string_view name) const;
  // Whether every program's link is pinned: the programs are attached.
  bool attached() const { return attached_; }
  const std::string& folder() const { return folder_; }

 private:
  std::string folder_;
  Fd lock_;  // the folder, locked while this lives; -1 for a reader
  mutable std::vector<Fd> maps_;  // in map_specs()' order; -1: not opened yet
  bool attached_;
};

// The state at `folder`, locked, made when there is none: maps made and
// pinned, the kernel's facts written from `btf`, each program loaded,
// attached and its link pinned (programs missing a link are attached
// again). Never half made: if a program is refused while making it,
// everything made is removed and the error says what the kernel said.
Result<PinnedState> open_for_change(const KernelBtf& btf,
                                    const std::string& folder = kStateFolder);

// The state at `folder` as it is, or nothing when there is none; locked
// when `lock` (for changes that never make it: del, prune).
Result<std::optional<PinnedState>> open_existing(bool lock,
                                                 const std::string& folder = kStateFolder);

// Removes the state: every scope at once (no socket is converted from
// then on), then the links (the programs are detached), the maps and the
// folder. Returns the names it removed, nothing when there was no state.
// It waits (2 s at most) until the kernel has released the links, where
// the caller may ask it (CAP_SYS_ADMIN).
Result<std::vector<std::string>> clear_state(const std::string& folder = kStateFolder);

}  // namespace smc::bpf
