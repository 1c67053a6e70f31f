// The generated skeleton against what the loader relies on: every map
// reference is a 64-bit load, the maps are those of scope_maps.h, and the
// socket program comes last.
#include <doctest/doctest.h>

#include <bit>
#include <cstring>
#include <string>

#include "core/bpf/programs.skel.h"

namespace smc::bpf {
namespace {

using skeleton::kMaps;
using skeleton::kPrograms;

TEST_CASE("the skeleton's programs were compiled for this host's byte order") {
  CHECK(skeleton::kBigEndian == (std::endian::native == std::endian::big));
}

TEST_CASE("the skeleton's maps are made as scope_maps.h declares them") {
  const struct {
    const char* name;
    smc_map_spec spec;
  } rows[] = {
      {"scopes", SMC_SCOPES_SPEC},
      {"tree_tasks", SMC_TREE_TASKS_SPEC},
      {"cgroup_ids", SMC_CGROUP_IDS_SPEC},
      {"cgroup_names", SMC_CGROUP_NAMES_SPEC},
      {"netns_cookies", SMC_NETNS_COOKIES_SPEC},
      {"kernel_facts", SMC_KERNEL_FACTS_SPEC},
      {"in_force", SMC_IN_FORCE_SPEC},
  };
  REQUIRE(std::size(kMaps) == std::size(rows));
  for (const auto& row : rows) {
    CAPTURE(row.name);
    int found = 0;
    for (const MapSpec& m : kMaps) {
      if (m.name != row.name) continue;
      ++found;
      CHECK(std::memcmp(&m.spec, &row.spec, sizeof(row.spec)) == 0);
    }
    CHECK(found == 1);
  }
}

TEST_CASE("each program's map references are 64-bit loads of maps it has") {
  for (const ProgramSpec& p : kPrograms) {
    CAPTURE(std::string(p.name));
    CHECK(p.license == "GPL");
    REQUIRE(p.code.size() % 8 == 0);
    REQUIRE(!p.maps.empty());
    for (const MapUse& use : p.maps) {
      REQUIRE(use.instruction * 8 + 16 <= p.code.size());
      CHECK(p.code[use.instruction * 8] == (BPF_LD | BPF_IMM | BPF_DW));
      CHECK(use.map < std::size(kMaps));
    }
  }
}

TEST_CASE("the programs attach in order: the socket program last") {
  const std::string names[] = {"process_fork", "process_exit", "cgroup_mkdir", "socket_protocol"};
  const std::string sections[] = {"tp_btf/sched_process_fork", "tp_btf/sched_process_exit",
                                  "tp_btf/cgroup_mkdir", "fmod_ret/update_socket_protocol"};
  REQUIRE(std::size(kPrograms) == std::size(names));
  for (std::size_t i = 0; i < std::size(names); ++i) {
    CHECK(kPrograms[i].name == names[i]);
    CHECK(kPrograms[i].section == sections[i]);
  }
}

}  // namespace
}  // namespace smc::bpf
