// The state pinned in a bpffs of the test's own: made whole or not at
// all, refused when another layout made it, removed whole.
#include "core/bpf/pinned_state.h"

#include <dirent.h>

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/bpf/testing.h"
#include "tools/support/temp_dir.h"

namespace smc::bpf {
namespace {

std::set<std::string> names_in(const std::string& folder) {
  std::set<std::string> names;
  DIR* dir = opendir(folder.c_str());
  if (dir == nullptr) return names;
  while (const dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') names.insert(e->d_name);
  }
  closedir(dir);
  return names;
}

// Maps pinned as a state has them, with the given layout in kernel_facts.
void pin_maps(const std::string& folder, std::uint32_t layout) {
  REQUIRE(mkdir(folder.c_str(), 0700) == 0);
  Result<std::vector<Fd>> maps = make_maps();
  REQUIRE(maps.ok());
  smc_kernel_facts facts{};
  facts.layout = layout;
  facts.next_scope_id = 1;
  const std::uint32_t zero = 0;
  REQUIRE(map_update((*maps)[*map_index("kernel_facts")].get(), &zero, &facts, BPF_ANY));
  for (std::size_t i = 0; i < maps->size(); ++i) {
    REQUIRE(pin((*maps)[i].get(), folder + "/" + std::string(map_specs()[i].name)));
  }
}

TEST_CASE("no state: nothing to open, nothing to clear") {
  smc::testing::TempDir temp;
  testing::Mount bpffs("bpf", (temp / "bpffs").string());
  const std::string folder = bpffs.dir() + "/smc_run";
  const Result<std::optional<PinnedState>> opened = open_existing(true, folder);
  REQUIRE(opened.ok());
  CHECK_FALSE(opened->has_value());
  const Result<std::vector<std::string>> cleared = clear_state(folder);
  REQUIRE(cleared.ok());
  CHECK(cleared->empty());
}

TEST_CASE("making the state pins every map and link, or leaves nothing behind") {
  smc::testing::TempDir temp;
  testing::Mount bpffs("bpf", (temp / "bpffs").string());
  const std::string folder = bpffs.dir() + "/smc_run";
  Result<KernelBtf> btf = read_kernel_btf();
  REQUIRE(btf.ok());
  std::set<std::string> whole;
  for (const MapSpec& m : map_specs()) whole.insert(std::string(m.name));
  for (const ProgramSpec& p : program_specs()) whole.insert(std::string(p.name) + "_link");

  Result<PinnedState> made = open_for_change(*btf, folder);
  if (made.ok()) {
    CHECK(made->attached());
    CHECK(names_in(folder) == whole);
  } else {
    // Refused (this host's kernel takes no fmod_ret program): the error
    // says which program, and not a file is left.
    MESSAGE(made.error().message);
    CHECK(made.error().kind == ErrorKind::kUnsupported);
    CHECK(made.error().message.find("socket_protocol") != std::string::npos);
    CHECK(access(folder.c_str(), F_OK) != 0);
  }
}

TEST_CASE("a state that another layout made is refused, and clear removes it whole") {
  smc::testing::TempDir temp;
  testing::Mount bpffs("bpf", (temp / "bpffs").string());
  const std::string folder = bpffs.dir() + "/smc_run";
  pin_maps(folder, SMC_LAYOUT_VERSION + 1);
  const Result<std::optional<PinnedState>> opened = open_existing(false, folder);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().message.find("another version of smc_run") != std::string::npos);

  const Result<std::vector<std::string>> cleared = clear_state(folder);
  REQUIRE(cleared.ok());
  CHECK(cleared->size() == map_specs().size() + 1);  // the maps and the folder
  CHECK(access(folder.c_str(), F_OK) != 0);
}

TEST_CASE("a state of this layout opens, and says whether its programs are attached") {
  smc::testing::TempDir temp;
  testing::Mount bpffs("bpf", (temp / "bpffs").string());
  const std::string folder = bpffs.dir() + "/smc_run";
  pin_maps(folder, SMC_LAYOUT_VERSION);
  Result<std::optional<PinnedState>> opened = open_existing(true, folder);
  REQUIRE(opened.ok());
  REQUIRE(opened->has_value());
  CHECK_FALSE((*opened)->attached());
  CHECK((*opened)->map("scopes") >= 0);
  CHECK((*opened)->map("no_such_map") == -1);
}

TEST_CASE("a state with a map missing is refused as incomplete, not opened in part") {
  smc::testing::TempDir temp;
  testing::Mount bpffs("bpf", (temp / "bpffs").string());
  const std::string folder = bpffs.dir() + "/smc_run";
  pin_maps(folder, SMC_LAYOUT_VERSION);
  // One a launch does not use, so only the check of the folder finds it.
  REQUIRE(unlink((folder + "/netns_cookies").c_str()) == 0);
  const Result<std::optional<PinnedState>> opened = open_existing(true, folder);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().message ==
        "the BPF state in '" + folder + "' is incomplete (maps missing); remove it with smc_scope clear");
}

}  // namespace
}  // namespace smc::bpf
