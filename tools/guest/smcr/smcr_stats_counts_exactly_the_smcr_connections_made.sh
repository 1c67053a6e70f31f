# smcr stats, after smcr stats reset on both guests, counts exactly what
# this check does: two SMC-R connections (a client success on B, a server
# success on A each, SMC-Rv2) and a plain client on B to an SMC server on A
# (one PEERNOSMC fallback on A's server side); every count of smcr -j stats
# equals what the kernel's own counters (SMC_NETLINK_GET_STATS and
# _FBACK_STATS, read by smc_kernel.py) grew by, bytes and calls included;
# smcr -a -j stats shows the kernel's counters as they are; the text says 2.
source "$GUEST_DIR/pair_lib.sh"
smcr() { "$SMC_RUN" --role smcr "$@"; }
# Both sides share the check's folder: each names its files by its side.

if on A; then
  smcr stats reset >reset.$SIDE.out || fail "smcr stats reset failed"
  kernel_json counters before.$SIDE.json
  tell reset
else
  await reset >/dev/null
  smcr stats reset >reset.$SIDE.out || fail "smcr stats reset failed"
  kernel_json counters before.$SIDE.json
fi
echo_round smcr-1 "$SMC_RUN" -- "$SMC_RUN"
echo_round smcr-2 "$SMC_RUN" -- "$SMC_RUN"
echo_round plain-client "$SMC_RUN" --
smcr -j stats >ours.$SIDE.json || fail "smcr -j stats failed"
smcr -a -j stats >absolute.$SIDE.json || fail "smcr -a -j stats failed"
smcr stats >ours.$SIDE.txt || fail "smcr stats failed"
kernel_json counters after.$SIDE.json
if on A; then tell done; else await done >/dev/null; fi
cat ours.$SIDE.txt
python3 - "$SIDE" <<'PY' || fail "smcr stats differs from the kernel's counters (above)"
import json, sys
side = sys.argv[1]
before, after = (json.load(open(n % side)) for n in ("before.%s.json", "after.%s.json"))
ours, absolute = (json.load(open(n % side)) for n in ("ours.%s.json", "absolute.%s.json"))
def grown(*keys):
    a, b = after, before
    for k in keys:
        a, b = a.get(k, {}), b.get(k, {})
    return (a or 0) - (b or 0)
k = ("stats", "smcr")
want = {
    "client_v1": grown(*k, "clnt_v1_succ_cnt"), "client_v2": grown(*k, "clnt_v2_succ_cnt"),
    "server_v1": grown(*k, "srv_v1_succ_cnt"), "server_v2": grown(*k, "srv_v2_succ_cnt"),
}
# What this check made, by the kernel's own count.
expected = {"A": {"client_v1": 0, "client_v2": 0, "server_v1": 0, "server_v2": 2},
            "B": {"client_v1": 0, "client_v2": 2, "server_v1": 0, "server_v2": 0}}[side]
assert want == expected, ("kernel", want, expected)
assert ours["since_reset"] is True and ours["mechanism"] == "SMC-R"
assert ours["smc_connections"] == want, ("ours", ours["smc_connections"], want)
for ours_key, kernel_key in (("bytes", "rx_bytes"), ("calls", "rx_cnt")):
    assert ours["rx"][ours_key] == grown(*k, kernel_key), ("rx", ours_key)
for ours_key, kernel_key in (("bytes", "tx_bytes"), ("calls", "tx_cnt")):
    assert ours["tx"][ours_key] == grown(*k, kernel_key), ("tx", ours_key)
assert ours["rx"]["bytes"] >= 2 * 1048576, ours["rx"]["bytes"]  # the two echoes
fb = ours["fallbacks"]
assert fb["server"] == grown("fallbacks", "srv_fback_cnt")
assert fb["client"] == grown("fallbacks", "clnt_fback_cnt")
reasons = {r["hex"]: r["count"] for r in fb["server_reasons"]}
kernel_reasons = {c: n - before["fallbacks"]["server"].get(c, 0)
                  for c, n in after["fallbacks"]["server"].items()
                  if n != before["fallbacks"]["server"].get(c, 0)}
assert reasons == kernel_reasons, (reasons, kernel_reasons)
assert reasons == ({"0x03010000": 1} if side == "A" else {}), reasons
assert [r["name"] for r in fb["server_reasons"]] == (["PEERNOSMC"] if side == "A" else [])
assert absolute["since_reset"] is False
assert absolute["smc_connections"]["server_v2"] == after["stats"]["smcr"]["srv_v2_succ_cnt"]
assert absolute["smc_connections"]["client_v2"] == after["stats"]["smcr"]["clnt_v2_succ_cnt"]
assert absolute["rx"]["bytes"] == after["stats"]["smcr"]["rx_bytes"]
print(side, "smcr stats agrees with the kernel:", want, "fallback reasons", reasons)
PY
expect_match "$(cat ours.$SIDE.txt)" '^  SMC connections +2$' "the text's SMC connections"
expect_match "$(head -n 1 ours.$SIDE.txt)" '^SMC-R Connections Summary \(since the last stats reset' "the text's header"
