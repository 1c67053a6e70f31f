// The loader and the programs that keep the maps, in this host's kernel:
// its BTF has what they read, and once attached they follow forks, exits
// and cgroups made again. (The socket program is checked in the SMC guest,
// tools/guest/bpf: this host has no SMC to convert to.)
#include "core/bpf/loader.h"

#include <signal.h>
#include <sys/syscall.h>

#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "core/bpf/testing.h"
#include "tools/support/temp_dir.h"

namespace smc::bpf {
namespace {

using testing::attach;
using testing::eventually;
using testing::Stepper;

TEST_CASE("the running kernel's BTF has every field and attach point the programs need") {
  Result<KernelBtf> btf = read_kernel_btf();
  REQUIRE(btf.ok());
  const Result<smc_kernel_facts> facts = kernel_facts(*btf);
  REQUIRE_MESSAGE(facts.ok(), (facts.ok() ? "" : facts.error().message));
  CHECK(facts->layout == SMC_LAYOUT_VERSION);
  // Distinct fields of one struct cannot share an offset.
  CHECK(facts->task_tgid != facts->task_signal);
  CHECK(facts->task_signal != facts->task_nsproxy);
  CHECK(facts->kernfs_name != facts->kernfs_id);
  for (const ProgramSpec& p : program_specs()) {
    CAPTURE(std::string(p.section));
    const Result<AttachPoint> point = attach_point(*btf, p.section);
    REQUIRE(point.ok());
    CHECK(point->btf_id != 0);
  }
  CHECK_FALSE(attach_point(*btf, "fmod_ret/no_such_function_here").ok());
  CHECK_FALSE(attach_point(*btf, "kprobe/update_socket_protocol").ok());
}

std::optional<std::uint32_t> tree_of(const testing::Attached& a, pid_t pid) {
  const std::uint32_t key = static_cast<std::uint32_t>(pid);
  std::uint32_t scope = 0;
  const Sys<bool> got = map_lookup(a.map("tree_tasks"), &key, &scope);
  REQUIRE(got);
  return *got.value ? std::optional<std::uint32_t>(scope) : std::nullopt;
}

char thread_state(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t paren = text.rfind(')');
  return paren == std::string::npos || paren + 2 >= text.size() ? '?' : text[paren + 2];
}

// A process whose first thread leaves at once while a second one waits to
// be killed.
long fork_process_that_outlives_its_first_thread(int) {
  const pid_t child = fork();
  if (child == 0) {
    std::thread([] { pause(); }).detach();
    syscall(SYS_exit, 0);
  }
  return child;
}

TEST_CASE("tree programs add a tree process's children and drop each at its last thread's exit") {
  testing::Attached a = attach({"process_fork", "process_exit"});
  Stepper root(fork_process_that_outlives_its_first_thread);
  Stepper outsider(fork_process_that_outlives_its_first_thread);
  const std::uint32_t root_tgid = static_cast<std::uint32_t>(root.pid());
  const std::uint32_t scope = 7;
  REQUIRE(map_update(a.map("tree_tasks"), &root_tgid, &scope, BPF_ANY));

  const pid_t child = static_cast<pid_t>(root.step());
  const pid_t stranger = static_cast<pid_t>(outsider.step());
  REQUIRE(child > 0);
  REQUIRE(stranger > 0);
  CHECK(tree_of(a, child) == scope);
  CHECK_FALSE(tree_of(a, stranger).has_value());

  // Its first thread gone, the process goes on, and stays in the tree.
  REQUIRE(eventually([&] { return thread_state(child) == 'Z'; }));
  CHECK(tree_of(a, child) == scope);
  // Its last thread gone, it leaves the tree, reaped or not.
  kill(child, SIGKILL);
  CHECK(eventually([&] { return !tree_of(a, child).has_value(); }));
  kill(stranger, SIGKILL);

  CHECK(tree_of(a, root.pid()) == scope);
  const pid_t root_pid = root.pid();
  root.end();
  CHECK(eventually([&] { return !tree_of(a, root_pid).has_value(); }));
}

TEST_CASE("the cgroup program puts a cgroup made again where a scoped one was back in its scope") {
  smc::testing::TempDir temp;
  testing::Attached a = attach({"cgroup_mkdir"});
  testing::Mount cgroups("cgroup2", (temp / "cgroup").string());
  const std::string parent = cgroups.dir() + "/smc_run_loader_test." + std::to_string(getpid());
  const std::string unit = parent + "/unit.service";
  REQUIRE(mkdir(parent.c_str(), 0755) == 0);
  REQUIRE(mkdir(unit.c_str(), 0755) == 0);
  struct stat up{}, first{};
  REQUIRE(stat(parent.c_str(), &up) == 0);
  REQUIRE(stat(unit.c_str(), &first) == 0);

  smc_cgroup_name where{};
  where.parent_id = up.st_ino;
  std::strcpy(where.name, "unit.service");
  const std::uint32_t scope = 9;
  REQUIRE(map_update(a.map("cgroup_names"), &where, &scope, BPF_ANY));

  REQUIRE(rmdir(unit.c_str()) == 0);
  REQUIRE(mkdir(unit.c_str(), 0755) == 0);
  const std::string other = parent + "/unit.service2";
  REQUIRE(mkdir(other.c_str(), 0755) == 0);
  struct stat again{}, elsewhere{};
  REQUIRE(stat(unit.c_str(), &again) == 0);
  REQUIRE(stat(other.c_str(), &elsewhere) == 0);
  CHECK(again.st_ino != first.st_ino);  // a new cgroup, with a new id

  std::uint32_t found = 0;
  const std::uint64_t new_id = again.st_ino;
  const std::uint64_t other_id = elsewhere.st_ino;
  CHECK(*map_lookup(a.map("cgroup_ids"), &new_id, &found).value);
  CHECK(found == scope);
  CHECK_FALSE(*map_lookup(a.map("cgroup_ids"), &other_id, &found).value);
  rmdir(other.c_str());
  rmdir(unit.c_str());
  rmdir(parent.c_str());
}

}  // namespace
}  // namespace smc::bpf
