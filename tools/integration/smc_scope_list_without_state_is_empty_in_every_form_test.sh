#!/usr/bin/env bash
# Where no scope was ever added, smc_scope list says so in text, as valid
# JSON and as Prometheus text with its families and no samples; prune and
# clear have nothing to do and succeed.
source "$(dirname "$0")/lib.sh"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (mount namespaces, bpffs)"
with_bpffs
scope() { in_bpffs "$SMC_RUN" --role smc_scope "$@"; }

run scope list
expect_eq "$RC" 0 "list: status"
expect_eq "$OUT" "no scopes (no BPF programs of smc_run are loaded)" "list"
run scope -j list
expect_eq "$RC" 0 "list -j: status"
python3 -c 'import json, sys
doc = json.loads(sys.argv[1])
assert doc == {"loaded": False, "attached": False, "scopes": []}, doc' "$OUT" ||
  fail "list -j: $OUT"
run scope --prometheus list
expect_eq "$RC" 0 "list --prometheus: status"
# Debian's own Python, which has Debian's python3-prometheus-client (tools/
# setup installs it), whatever other python3 comes first on PATH.
/usr/bin/python3 -c 'import sys
from prometheus_client.parser import text_string_to_metric_families
families = {f.name: f for f in text_string_to_metric_families(sys.argv[1])}
assert set(families) == {"smc_scope_sockets_converted", "smc_scope_in_force"}, families
assert all(not f.samples for f in families.values())' "$OUT" ||
  fail "list --prometheus: $OUT"
run scope prune
expect_eq "$RC" 0 "prune: status"
expect_eq "$OUT" "nothing to prune" "prune"
run scope clear
expect_eq "$RC" 0 "clear: status"
expect_eq "$OUT" "nothing to clear: no BPF state at /sys/fs/bpf/smc_run" "clear"
# A fresh bpffs may hold the kernel's own maps.debug and progs.debug.
expect_eq "$(in_bpffs ls -A /sys/fs/bpf | grep -v '\.debug$')" "" "bpffs afterwards"
