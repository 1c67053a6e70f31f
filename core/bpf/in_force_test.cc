#include "core/bpf/in_force.h"

#include <cstdint>
#include <vector>

#include <doctest/doctest.h>

namespace smc::bpf {
namespace {

smc_scope_record tree() {
  smc_scope_record r{};
  r.kind = SMC_SCOPE_TREE;
  return r;
}

smc_scope_record cgroup(std::uint32_t level) {
  smc_scope_record r{};
  r.kind = SMC_SCOPE_CGROUP;
  r.level = level;
  return r;
}

smc_scope_record netns() {
  smc_scope_record r{};
  r.kind = SMC_SCOPE_NETNS;
  return r;
}

TEST_CASE("the socket program looks only where the scopes' records say a scope may be") {
  const struct {
    const char* what;
    std::vector<smc_scope_record> records;
    smc_in_force want;
  } rows[] = {
      {"no scope: nothing", {}, {0, 0, 0, 0}},
      {"trees only: no cgroup level, no namespace", {tree(), tree()}, {0, 0, 0, 0}},
      {"a network namespace", {netns()}, {1, 0, 0, 0}},
      {"the root cgroup: level 0 alone", {cgroup(0)}, {0, 0, 1, 0}},
      {"a slice: level 1 alone", {cgroup(1)}, {0, 1, 2, 0}},
      {"cgroups at 3 and 1: levels 1 to 3", {cgroup(3), tree(), cgroup(1)}, {0, 1, 4, 0}},
      {"a cgroup and a namespace", {cgroup(2), netns()}, {1, 2, 3, 0}},
      {"a level not known: every level", {cgroup(2), cgroup(SMC_LEVEL_UNKNOWN)},
       {0, 0, SMC_CGROUP_LEVELS, 0}},
      {"a level past the walk: every level", {cgroup(SMC_CGROUP_LEVELS)},
       {0, 0, SMC_CGROUP_LEVELS, 0}},
      {"the deepest level the walk reaches", {cgroup(SMC_CGROUP_LEVELS - 1)},
       {0, SMC_CGROUP_LEVELS - 1, SMC_CGROUP_LEVELS, 0}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    const smc_in_force got = in_force_of(row.records);
    CHECK(got.netns == row.want.netns);
    CHECK(got.cgroup_first == row.want.cgroup_first);
    CHECK(got.cgroup_end == row.want.cgroup_end);
  }
}

}  // namespace
}  // namespace smc::bpf
