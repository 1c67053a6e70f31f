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
import json
before, after = json.load(open("before.json")), json.load(open("after.json"))
ours = json.load(open("ours.json"))
def grown(key):
    return after["stats"]["smcd"][key] - before["stats"]["smcd"][key]
want = {"client_v1": grown("clnt_v1_succ_cnt"), "client_v2": grown("clnt_v2_succ_cnt"),
        "server_v1": grown("srv_v1_succ_cnt"), "server_v2": grown("srv_v2_succ_cnt")}
assert want == {"client_v1": 0, "client_v2": 2, "server_v1": 0, "server_v2": 2}, want
assert ours["mechanism"] == "SMC-D" and ours["since_reset"] is True
assert ours["smc_connections"] == want, (ours["smc_connections"], want)
assert ours["rx"]["bytes"] == grown("rx_bytes") and ours["tx"]["bytes"] == grown("tx_bytes")
assert ours["rx"]["calls"] == grown("rx_cnt") and ours["tx"]["calls"] == grown("tx_cnt")
assert ours["rx"]["bytes"] >= 2 * 1048576, ours["rx"]["bytes"]
assert ours["fallbacks"]["client"] == 0 and ours["fallbacks"]["server"] == 0
assert after["fallbacks"] == before["fallbacks"]
print("smcd stats agrees with the kernel:", want)
PY
expect_match "$(cat ours.txt)" '^  SMC connections +4$' "the text's SMC connections"
