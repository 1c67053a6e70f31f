# smcd stats, after smcd stats reset, counts exactly the SMC-D connections
# this check makes: two fetches by curl from a python3 server, both under
# smc_run, over loopback-ism (a client and a server success each, SMC-Dv2);
# smcd -j stats equals what the kernel's own counters (SMC_NETLINK_GET_STATS,
# read by smc_kernel.py) grew by, bytes and calls included, and its text
# says 4 (both ends of both connections are this host's).
source "$GUEST_DIR/lib.sh"
smcd() { "$SMC_RUN" --role smcd "$@"; }
start_server 127.0.0.1 "$SMC_RUN"
smcd stats reset >reset.out || fail "smcd stats reset failed"
kernel_json counters before.json
for i in 1 2; do
  "$SMC_RUN" curl -sS --max-time 60 -o "got.$i" "http://127.0.0.1:$PORT/data" || fail "curl $i failed"
  cmp -s www/data "got.$i" || fail "curl $i received other bytes"
done
smcd -j stats >ours.json || fail "smcd -j stats failed"
smcd stats >ours.txt || fail "smcd stats failed"
kernel_json counters after.json
cat ours.txt
python3 - <<'PY' || fail "smcd stats differs from the kernel's counters (above)"
import json, os, sys
sys.path.insert(0, os.environ["GUEST_DIR"])
from compare_with_kernel import expect_smcd_stats_grown
before, after = json.load(open("before.json")), json.load(open("after.json"))
want = expect_smcd_stats_grown(before, after, json.load(open("ours.json")), 2)
assert after["stats"]["smcd"]["rx_bytes"] - before["stats"]["smcd"]["rx_bytes"] >= 2 * 1048576
print("smcd stats agrees with the kernel:", want)
PY
expect_match "$(cat ours.txt)" '^  SMC connections +4$' "the text's SMC connections"
