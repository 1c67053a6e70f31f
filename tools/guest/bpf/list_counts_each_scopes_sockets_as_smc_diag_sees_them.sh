# Two tree scopes whose processes make 5 and 2 TCP sockets (IPv4 and IPv6,
# with SOCK_NONBLOCK and SOCK_CLOEXEC) besides a UDP and a UNIX socket:
# SMC_DIAG lists exactly those TCP sockets as SMC sockets, by inode, and
# smc_scope list counts 5 and 2, as text, JSON and Prometheus text.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
cat >sockets.py <<'PY'
import socket, sys, time
kinds = [(socket.AF_INET, socket.SOCK_STREAM), (socket.AF_INET6, socket.SOCK_STREAM),
         (socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK),
         (socket.AF_INET6, socket.SOCK_STREAM | socket.SOCK_CLOEXEC),
         (socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK | socket.SOCK_CLOEXEC)]
held = [socket.socket(f, t, 0) for f, t in kinds[:int(sys.argv[1])]]
held += [socket.socket(socket.AF_INET, socket.SOCK_DGRAM), socket.socket(socket.AF_UNIX)]
open(sys.argv[2], "w").write("ready\n")
time.sleep(120)
PY
stopped_process . 'exec python3 sockets.py 5 five'
five="$STOPPED_PID"
stopped_process . 'exec python3 sockets.py 2 two'
two="$STOPPED_PID"
id_five="$(scope add tree "$five" | sed -nE 's/^scope ([0-9]+):.*/\1/p')"
id_two="$(scope add tree "$two" | sed -nE 's/^scope ([0-9]+):.*/\1/p')"
kill -CONT "$five" "$two"
wait_for five ready && wait_for two ready
seen="$(kernel_sockets "$five" "$two")"
echo "$seen"
expect_eq "$(grep -cE "^$five [0-9]+ smc INIT " <<<"$seen")" 5 "SMC sockets of the first process"
expect_eq "$(grep -cE "^$two [0-9]+ smc INIT " <<<"$seen")" 2 "SMC sockets of the second process"
expect_no_match "$seen" " tcp " "plain TCP sockets"

scope list | tee list.txt
# The command is the process's when it was added: the shell it was then.
expect_match "$(cat list.txt)" "^$id_five +tree +active +5 +$five 'bash' \(1 process\)$" "list of the first"
expect_match "$(cat list.txt)" "^$id_two +tree +active +2 +$two 'bash' \(1 process\)$" "list of the second"
scope_json
python3 - "$id_five" "$id_two" <<'PY' || fail "list -j: $(cat scopes.json)"
import json, sys
scopes = {s["id"]: s for s in json.load(open("scopes.json"))["scopes"]}
for id_, count in zip(map(int, sys.argv[1:]), (5, 2)):
    assert scopes[id_]["sockets"] == count and scopes[id_]["state"] == "active", scopes[id_]
PY
scope --prometheus list >scopes.prom
python3 - "$id_five" "$id_two" <<'PY' || fail "list --prometheus: $(cat scopes.prom)"
import sys
from prometheus_client.parser import text_string_to_metric_families
families = {f.name: f for f in text_string_to_metric_families(open("scopes.prom").read())}
counts = {s.labels["id"]: s.value for s in families["smc_scope_sockets_converted"].samples}
assert counts[sys.argv[1]] == 5 and counts[sys.argv[2]] == 2, counts
PY
kill "$five" "$two"
scope del tree "$five" && scope del tree "$two"
