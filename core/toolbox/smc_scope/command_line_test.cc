#include "core/toolbox/smc_scope/command_line.h"

#include <doctest/doctest.h>

#include <string>

#include "core/bpf/scope_maps.h"
#include "tools/support/args.h"

namespace smc {
namespace {

using testing::Args;
using testing::fmt_args;

TEST_CASE("smc_scope reads add and del with their kind and value, and the other commands") {
  const struct {
    Args args;
    ScopeVerb verb;
    std::uint32_t kind;
    const char* value;
    ScopeOutput output;
  } rows[] = {
      {{"list"}, ScopeVerb::kList, 0, "", ScopeOutput::kText},
      {{"-j", "list"}, ScopeVerb::kList, 0, "", ScopeOutput::kJson},
      {{"list", "--json"}, ScopeVerb::kList, 0, "", ScopeOutput::kJson},
      {{"--prometheus", "list"}, ScopeVerb::kList, 0, "", ScopeOutput::kPrometheus},
      {{"add", "tree", "4242"}, ScopeVerb::kAdd, SMC_SCOPE_TREE, "4242", ScopeOutput::kText},
      {{"add", "cgroup", "/sys/fs/cgroup/a b"}, ScopeVerb::kAdd, SMC_SCOPE_CGROUP,
       "/sys/fs/cgroup/a b", ScopeOutput::kText},
      {{"add", "netns", "/run/netns/pod"}, ScopeVerb::kAdd, SMC_SCOPE_NETNS, "/run/netns/pod",
       ScopeOutput::kText},
      {{"del", "netns", "17"}, ScopeVerb::kDel, SMC_SCOPE_NETNS, "17", ScopeOutput::kText},
      // After "--", a path that looks like an option is a path.
      {{"del", "cgroup", "--", "-odd"}, ScopeVerb::kDel, SMC_SCOPE_CGROUP, "-odd",
       ScopeOutput::kText},
      {{"prune"}, ScopeVerb::kPrune, 0, "", ScopeOutput::kText},
      {{"clear"}, ScopeVerb::kClear, 0, "", ScopeOutput::kText},
      {{"enable", "nginx"}, ScopeVerb::kEnable, 0, "nginx", ScopeOutput::kText},
      {{"--hold", "add", "cgroup", "/c"}, ScopeVerb::kAdd, SMC_SCOPE_CGROUP, "/c",
       ScopeOutput::kText},
      {{"--unit-dir=/img/etc", "disable", "nginx.service"}, ScopeVerb::kDisable, 0,
       "nginx.service", ScopeOutput::kText},
  };
  for (const auto& row : rows) {
    CAPTURE(fmt_args(row.args));
    const Result<ScopeCommand> c = parse_smc_scope_command(row.args);
    REQUIRE(c.ok());
    CHECK(c->verb == row.verb);
    CHECK(c->kind == row.kind);
    CHECK(c->value == row.value);
    CHECK(c->output == row.output);
  }
  CHECK(parse_smc_scope_command(Args{"-h"})->help);
  CHECK(parse_smc_scope_command(Args{"add", "--version"})->version);
}

TEST_CASE("smc_scope refuses a bad command line in one line naming the word") {
  const struct {
    Args args;
    const char* message;
  } rows[] = {
      {{}, "missing command (try: smc_scope list, or smc_scope -h)"},
      {{"show"}, "unknown command 'show' (add, del, list, prune, clear, enable or disable)"},
      {{"enable"}, "enable needs a UNIT"},
      {{"disable", "a", "b"}, "unexpected 'b' after disable 'a'"},
      {{"--unit-dir=/x", "list"}, "--unit-dir applies to enable and disable only"},
      {{"--hold", "del", "tree", "1"}, "--hold applies to add only"},
      {{"-x", "list"}, "invalid option '-x'"},
      {{"add"}, "add needs what: tree PID, cgroup PATH or netns PATH|PID"},
      {{"add", "pod", "x"}, "unknown scope 'pod' (tree, cgroup or netns)"},
      {{"add", "tree"}, "add tree needs a PID"},
      {{"del", "netns"}, "del netns needs a PATH or PID"},
      {{"add", "tree", "1", "2"}, "unexpected '2' after add tree '1'"},
      {{"list", "all"}, "unexpected 'all' after list"},
      {{"-j", "clear"}, "-j applies to list only"},
      {{"--prometheus", "add", "tree", "1"}, "--prometheus applies to list only"},
  };
  for (const auto& row : rows) {
    CAPTURE(fmt_args(row.args));
    const Result<ScopeCommand> c = parse_smc_scope_command(row.args);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().kind == ErrorKind::kUsage);
    CHECK(c.error().message == row.message);
  }
}

}  // namespace
}  // namespace smc
