#include "core/toolbox/smc_scope/smc_scope.h"

#include <doctest/doctest.h>

#include <cstring>
#include <string>

namespace smc {
namespace {

using bpf::Scope;
using bpf::ScopeState;

Scope make(std::uint32_t id, std::uint32_t kind, ScopeState state, const char* text) {
  Scope s{};
  s.id = id;
  s.state = state;
  s.record.kind = kind;
  std::strncpy(s.record.text, text, sizeof(s.record.text) - 1);
  return s;
}

bpf::Listing three_scopes() {
  Scope tree = make(1, SMC_SCOPE_TREE, ScopeState::kActive, "go_probe");
  tree.record.pid = 4242;
  tree.record.converted = 12;
  tree.processes = 3;
  Scope cgroup = make(2, SMC_SCOPE_CGROUP, ScopeState::kWaiting, "/sys/fs/cgroup/a \"b\"\n\xff");
  Scope netns = make(3, SMC_SCOPE_NETNS, ScopeState::kGone, "");
  netns.record.pid = 77;
  netns.record.inum = 4026532281;
  netns.record.key = 4096;
  netns.record.converted = 5;
  return {true, true, {tree, cgroup, netns}};
}

TEST_CASE("list shows each scope in a row with its state and count, names quoted") {
  CHECK(format_scope_table(three_scopes()) ==
        "ID KIND   STATE   SOCKETS SCOPE\n"
        "1  tree   active  12      4242 'go_probe' (3 processes)\n"
        "2  cgroup waiting 0       $'/sys/fs/cgroup/a \"b\"\\n\\xff' and below\n"
        "3  netns  gone    5       pid 77 (net:[4026532281])\n");
}

TEST_CASE("list says when there are no scopes, and whether programs are loaded") {
  CHECK(format_scope_table({false, false, {}}) ==
        "no scopes (no BPF programs of smc_run are loaded)\n");
  CHECK(format_scope_table({true, true, {}}) ==
        "no scopes (the BPF programs stay attached until smc_scope clear)\n");
  CHECK(format_scope_json({false, false, {}}) ==
        "{\"loaded\": false, \"attached\": false, \"scopes\": []}\n");
}

TEST_CASE("list -j escapes every byte of a name into valid JSON") {
  CHECK(format_scope_json(three_scopes()) ==
        "{\"loaded\": true, \"attached\": true, \"scopes\": [\n"
        "  {\"id\": 1, \"kind\": \"tree\", \"state\": \"active\", \"sockets\": 12, \"pid\": 4242, "
        "\"command\": \"go_probe\", \"processes\": 3, \"launched\": false},\n"
        "  {\"id\": 2, \"kind\": \"cgroup\", \"state\": \"waiting\", \"sockets\": 0, \"path\": "
        "\"/sys/fs/cgroup/a \\\"b\\\"\\n\xef\xbf\xbd\", \"cgroup_id\": null},\n"
        "  {\"id\": 3, \"kind\": \"netns\", \"state\": \"gone\", \"sockets\": 5, \"path\": null, "
        "\"pid\": 77, \"inum\": 4026532281, \"cookie\": 4096}\n"
        "]}\n");
}

TEST_CASE("list --prometheus gives a counter and an in-force gauge per scope") {
  CHECK(format_scope_prometheus(three_scopes()) ==
        "# HELP smc_scope_sockets_converted_total TCP sockets that smc_run's BPF program made "
        "IPPROTO_SMC, by scope.\n"
        "# TYPE smc_scope_sockets_converted_total counter\n"
        "smc_scope_sockets_converted_total{id=\"1\",kind=\"tree\",scope=\"4242\"} 12\n"
        "smc_scope_sockets_converted_total{id=\"2\",kind=\"cgroup\",scope=\"/sys/fs/cgroup/a "
        "\\\"b\\\"\\n?\"} 0\n"
        "smc_scope_sockets_converted_total{id=\"3\",kind=\"netns\",scope=\"77\"} 5\n"
        "# HELP smc_scope_in_force Whether the scope applies to new sockets now (1) or waits, "
        "ended or is gone (0).\n"
        "# TYPE smc_scope_in_force gauge\n"
        "smc_scope_in_force{id=\"1\",kind=\"tree\",scope=\"4242\",state=\"active\"} 1\n"
        "smc_scope_in_force{id=\"2\",kind=\"cgroup\",scope=\"/sys/fs/cgroup/a "
        "\\\"b\\\"\\n?\",state=\"waiting\"} 0\n"
        "smc_scope_in_force{id=\"3\",kind=\"netns\",scope=\"77\",state=\"gone\"} 0\n");
}

}  // namespace
}  // namespace smc
