// Scopes in real maps, with the programs that keep them attached to this
// host's kernel: added once, listed with their state as processes end
// and cgroups go, found by what del names, deleted and pruned whole.
#include "core/bpf/scopes.h"

#include <poll.h>
#include <sched.h>
#include <signal.h>

#include <doctest/doctest.h>

#include <string>

#include "core/bpf/testing.h"
#include "tools/support/temp_dir.h"

namespace smc::bpf {
namespace {

using testing::attach;
using testing::eventually;
using testing::state_on;
using testing::Stepper;

long nothing(int) { return 0; }

std::optional<Scope> scope_with(const PinnedState& state, std::uint32_t id) {
  Result<std::vector<Scope>> all = list_scopes(state);
  REQUIRE(all.ok());
  for (const Scope& s : *all) {
    if (s.id == id) return s;
  }
  return std::nullopt;
}

// How many entries of a membership map name scope `id`.
template <typename Key>
int naming(int map, std::uint32_t id) {
  int n = 0;
  Key key{}, next{};
  bool first = true;
  while (*map_next_key(map, first ? nullptr : &key, &next).value) {
    std::uint32_t scope = 0;
    if (*map_lookup(map, &next, &scope).value && scope == id) ++n;
    key = next;
    first = false;
  }
  return n;
}

TEST_CASE("a tree scope is added once, lists its processes, ends with them and is pruned") {
  testing::Attached a = attach({"process_fork", "process_exit"});
  PinnedState state = state_on(a);
  Stepper process(nothing);
  Result<ProcessTarget> target = resolve_process(std::to_string(process.pid()));
  REQUIRE(target.ok());
  const Result<Added> added = add_tree(state, *target);
  REQUIRE(added.ok());
  CHECK_FALSE(added->already);
  const Result<Added> again = add_tree(state, *target);
  REQUIRE(again.ok());
  CHECK(again->already);
  CHECK(again->id == added->id);

  std::optional<Scope> s = scope_with(state, added->id);
  REQUIRE(s);
  CHECK(s->record.kind == SMC_SCOPE_TREE);
  CHECK(s->state == ScopeState::kActive);
  CHECK(s->processes == 1);
  CHECK(std::string(s->record.text) == target->command);
  CHECK(find_scope(state, SMC_SCOPE_TREE, std::to_string(process.pid())).ok());

  process.end();
  REQUIRE(eventually([&] { return scope_with(state, added->id)->state == ScopeState::kEnded; }));
  const Result<std::vector<Scope>> pruned = prune_scopes(state);
  REQUIRE(pruned.ok());
  REQUIRE(pruned->size() == 1);
  CHECK((*pruned)[0].id == added->id);
  CHECK_FALSE(scope_with(state, added->id));
  const Result<Scope> missing = find_scope(state, SMC_SCOPE_TREE, std::to_string(process.pid()));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::kUsage);
  CHECK(missing.error().message ==
        "there is no tree scope for '" + std::to_string(process.pid()) + "'");
}

TEST_CASE("a process that ended is refused as a tree, and leaves no scope behind") {
  testing::Attached a = attach({"process_fork", "process_exit"});
  PinnedState state = state_on(a);
  const pid_t child = fork();
  if (child == 0) _exit(0);
  Result<ProcessTarget> target = resolve_process(std::to_string(child));
  REQUIRE(target.ok());  // a zombie is still there to open
  REQUIRE(eventually([&] {
    pollfd p{target->pidfd.get(), POLLIN, 0};
    return poll(&p, 1, 0) == 1;
  }));
  const Result<Added> added = add_tree(state, *target);
  REQUIRE_FALSE(added.ok());
  CHECK(added.error().message == "process " + std::to_string(child) + " ended");
  CHECK(list_scopes(state)->empty());
  CHECK(naming<std::uint32_t>(state.map("tree_tasks"), 1) == 0);
  waitpid(child, nullptr, 0);
}

TEST_CASE("a cgroup scope waits while its cgroup is removed and is in force again when made again") {
  smc::testing::TempDir temp;
  testing::Attached a = attach({"cgroup_mkdir"});
  PinnedState state = state_on(a);
  testing::Mount cgroups("cgroup2", (temp / "cgroup").string());
  const std::string parent = cgroups.dir() + "/smc_run_scopes_test." + std::to_string(getpid());
  const std::string unit = parent + "/unit.service";
  REQUIRE(mkdir(parent.c_str(), 0755) == 0);
  REQUIRE(mkdir(unit.c_str(), 0755) == 0);
  Result<CgroupTarget> target = resolve_cgroup(unit);
  REQUIRE(target.ok());
  const Result<Added> added = add_cgroup(state, *target);
  REQUIRE(added.ok());
  CHECK(add_cgroup(state, *target)->already);
  CHECK(scope_with(state, added->id)->state == ScopeState::kActive);
  CHECK(scope_with(state, added->id)->cgroup_id == target->id);

  REQUIRE(rmdir(unit.c_str()) == 0);
  CHECK(scope_with(state, added->id)->state == ScopeState::kWaiting);
  REQUIRE(mkdir(unit.c_str(), 0755) == 0);
  struct stat again{};
  REQUIRE(stat(unit.c_str(), &again) == 0);
  const std::optional<Scope> back = scope_with(state, added->id);
  CHECK(back->state == ScopeState::kActive);
  CHECK(back->cgroup_id == again.st_ino);
  // Found by its path, whether or not the cgroup is there.
  CHECK(find_scope(state, SMC_SCOPE_CGROUP, unit)->id == added->id);

  // Its parent removed, nothing can be made at its place again: gone.
  REQUIRE(rmdir(unit.c_str()) == 0);
  REQUIRE(rmdir(parent.c_str()) == 0);
  CHECK(scope_with(state, added->id)->state == ScopeState::kGone);
  CHECK(find_scope(state, SMC_SCOPE_CGROUP, unit)->id == added->id);
  REQUIRE(prune_scopes(state)->size() == 1);
  CHECK(naming<std::uint64_t>(state.map("cgroup_ids"), added->id) == 0);
  CHECK(naming<smc_cgroup_name>(state.map("cgroup_names"), added->id) == 0);
}

long own_network_namespace(int) { return unshare(CLONE_NEWNET); }

TEST_CASE("a network namespace scope is found by its process and is gone with it") {
  testing::Attached a = attach({});
  PinnedState state = state_on(a);
  Stepper process(own_network_namespace);
  REQUIRE(process.step() == 0);
  Result<NetnsTarget> target = resolve_netns(std::to_string(process.pid()));
  REQUIRE(target.ok());
  Result<NetnsTarget> ours = resolve_netns("/proc/self/ns/net");
  REQUIRE(ours.ok());
  CHECK(target->cookie != ours->cookie);
  const Result<Added> added = add_netns(state, *target);
  REQUIRE(added.ok());
  CHECK(add_netns(state, *target)->already);
  CHECK(scope_with(state, added->id)->state == ScopeState::kActive);
  CHECK(scope_with(state, added->id)->record.inum == target->inum);
  CHECK(find_scope(state, SMC_SCOPE_NETNS, std::to_string(process.pid()))->id == added->id);

  process.end();
  CHECK(scope_with(state, added->id)->state == ScopeState::kGone);
  const Result<Scope> found = find_scope(state, SMC_SCOPE_NETNS, std::to_string(process.pid()));
  REQUIRE(found.ok());
  REQUIRE(delete_scope(state, *found).ok());
  CHECK(list_scopes(state)->empty());
  CHECK(naming<std::uint64_t>(state.map("netns_cookies"), added->id) == 0);
}

TEST_CASE("deleting a tree scope takes every process of it out of the maps") {
  testing::Attached a = attach({"process_fork", "process_exit"});
  PinnedState state = state_on(a);
  Stepper process([](int) -> long {
    const pid_t child = fork();
    if (child == 0) pause();
    return child;
  });
  Result<ProcessTarget> target = resolve_process(std::to_string(process.pid()));
  REQUIRE(target.ok());
  const Result<Added> added = add_tree(state, *target);
  REQUIRE(added.ok());
  const pid_t child = static_cast<pid_t>(process.step());
  CHECK(scope_with(state, added->id)->processes == 2);
  // The child is in the tree already.
  Result<ProcessTarget> child_target = resolve_process(std::to_string(child));
  REQUIRE(child_target.ok());
  CHECK(add_tree(state, *child_target)->id == added->id);

  REQUIRE(delete_scope(state, *scope_with(state, added->id)).ok());
  CHECK_FALSE(scope_with(state, added->id));
  CHECK(naming<std::uint32_t>(state.map("tree_tasks"), added->id) == 0);
  kill(child, SIGKILL);
}

TEST_CASE("this process as a launch's target: its pid and its comm as /proc has it, no pidfd") {
  const ProcessTarget target = this_process();
  CHECK(target.pid == getpid());
  CHECK(target.pidfd.get() == -1);
  const Result<ProcessTarget> from_proc = resolve_process(std::to_string(getpid()));
  REQUIRE(from_proc.ok());
  CHECK(target.command == from_proc->command);
  CHECK_FALSE(target.command.empty());
}

TEST_CASE("a launch adds its own process over an entry its pid kept for a scope that is gone") {
  testing::Attached a = attach({"process_fork", "process_exit"});
  PinnedState state = state_on(a);
  // As if a scope that named this pid was deleted and its member stayed:
  // a launch does not tidy, so this entry is still there when it adds.
  const std::uint32_t self = static_cast<std::uint32_t>(getpid());
  const std::uint32_t gone = 77;
  REQUIRE(*map_update(state.map("tree_tasks"), &self, &gone, BPF_ANY).value);

  const Result<Added> added = add_tree(state, this_process(), true);
  REQUIRE(added.ok());
  CHECK_FALSE(added->already);
  CHECK(added->id != gone);
  std::uint32_t member = 0;
  REQUIRE(*map_lookup(state.map("tree_tasks"), &self, &member).value);
  CHECK(member == added->id);
  const std::optional<Scope> s = scope_with(state, added->id);
  REQUIRE(s);
  CHECK(s->record.flags == SMC_SCOPE_LAUNCHED);
  CHECK(s->processes == 1);
  REQUIRE(delete_scope(state, *s).ok());
}

}  // namespace
}  // namespace smc::bpf
