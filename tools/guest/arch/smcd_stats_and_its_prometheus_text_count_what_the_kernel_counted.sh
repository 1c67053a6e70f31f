# smcd stats, after smcd stats reset, counts exactly the SMC-D connections
# this check makes (two echoes of a C server and client under smc_run):
# smcd -j stats equals what the kernel's own counters (SMC_NETLINK_GET_STATS,
# read by smc_kernel.py) grew by, bytes and calls included; and smcd stats
# --prometheus, read back by the guest's python3-prometheus-client as
# Prometheus reads a textfile, has every handshake, fallback and byte
# series equal to the kernel's counter at that moment. On s390x the
# counters are 64-bit numbers of a big-endian kernel.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
smcd() { "$SMC_RUN" --role smcd "$@"; }
smcd stats reset >reset.out || fail "smcd stats reset failed"
kernel_json counters before.json
for i in 1 2; do
  start_echo_server tcp 127.0.0.1 "$SMC_RUN"
  start_echo_client tcp 127.0.0.1 "$SMC_RUN"
  release_echo
done
smcd -j stats >ours.json || fail "smcd -j stats failed"
kernel_json counters after.json
smcd stats --prometheus >smc.prom || fail "smcd stats --prometheus failed"
kernel_json counters after_prom.json
head -n 12 smc.prom
python3 - <<'PY' || fail "smcd stats differs from the kernel's counters (above)"
import json
from prometheus_client.parser import text_string_to_metric_families
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
print("smcd -j stats agrees with the kernel:", want)

prom = json.load(open("after_prom.json"))
assert prom == after, "the counters moved while they were read"
families = {f.name: f for f in text_string_to_metric_families(open("smc.prom").read())}
def value(family, **labels):
    found = [s.value for s in families[family].samples if s.labels == labels]
    assert len(found) == 1, (family, labels, found)
    return found[0]
stats, fallbacks = prom["stats"], prom["fallbacks"]
checked = 0
for mech in ("smcd", "smcr"):
    for side, short in (("client", "clnt"), ("server", "srv")):
        for version in ("v1", "v2"):
            kernel = stats[mech]["%s_%s_succ_cnt" % (short, version)]
            assert value("smc_handshakes", mechanism=mech, side=side, version=version) == kernel
            checked += 1
    for direction, key in (("receive", "rx"), ("send", "tx")):
        assert value("smc_data_bytes", mechanism=mech, direction=direction) == stats[mech][key + "_bytes"]
        assert value("smc_calls", mechanism=mech, direction=direction) == stats[mech][key + "_cnt"]
        checked += 2
for side, short in (("client", "clnt"), ("server", "srv")):
    assert value("smc_handshake_errors", side=side) == stats["%s_hshake_err_cnt" % short]
    assert value("smc_fallbacks", side=side) == fallbacks["%s_fback_cnt" % short]
    reasons = {s.labels["code"]: s.value for s in families["smc_fallback_reasons"].samples
               if s.labels["side"] == side}
    assert reasons == {c: float(n) for c, n in fallbacks[side].items()}, (side, reasons)
    checked += 3
assert stats["smcd"]["srv_v2_succ_cnt"] >= 2 and stats["smcd"]["rx_bytes"] >= 2 * 1048576
print(checked, "Prometheus series agree with the kernel's counters")
PY
