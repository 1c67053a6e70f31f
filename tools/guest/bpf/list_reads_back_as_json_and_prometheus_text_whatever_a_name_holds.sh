# A scoped cgroup whose name holds a double quote, a backslash, a tab and
# a byte that is not UTF-8: smc_scope list -j is JSON that Python reads
# back, with the path as the kernel has it (the odd byte as U+FFFD);
# --prometheus is read back by prometheus_client; the text list quotes
# the name on one line.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
odd=/sys/fs/cgroup/$'odd "name" \\ \t \xff'.$$
mkdir "$odd"
scope add cgroup "$odd"
scope_json
python3 - "$odd" <<'PY' || fail "list -j: $(cat scopes.json)"
import json, os, sys
want = sys.argv[1].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
found = [s for s in json.load(open("scopes.json"))["scopes"] if s["kind"] == "cgroup" and s["path"] == want]
assert len(found) == 1 and found[0]["state"] == "active", found
PY
scope --prometheus list >scopes.prom
python3 <<'PY' || fail "list --prometheus: $(cat scopes.prom)"
from prometheus_client.parser import text_string_to_metric_families
families = {f.name: f for f in text_string_to_metric_families(open("scopes.prom").read())}
labels = [s.labels["scope"] for s in families["smc_scope_in_force"].samples if s.labels["kind"] == "cgroup"]
assert any('odd "name" \\ ' in l for l in labels), labels
PY
scope list >list.txt
cat list.txt
expect_match "$(cat list.txt)" "cgroup +active +0 +\\\$'/sys/fs/cgroup/odd \"name\" \\\\\\\\ \\\\t \\\\xff\.$$' and below" "the text list"
# A header and one line per scope (other checks' scopes may be listed too).
scopes="$(python3 -c 'import json; print(len(json.load(open("scopes.json"))["scopes"]))')"
expect_eq "$(wc -l <list.txt)" "$((1 + scopes))" "lines of the text list"
scope del cgroup "$odd"
