# smcr stats --prometheus, after an SMC-R connection between the guests,
# is read by Debian's python3-prometheus-client as Prometheus reads
# node_exporter's textfile output, and every handshake, fallback and byte
# series equals the kernel's own counter (smc_kernel.py) at that moment.
source "$GUEST_DIR/pair_lib.sh"
# Both sides share the check's folder: each names its files by its side.
if on A; then
  echo_serve one "$SMC_RUN"
  echo_finished one
else
  echo_connect one "$SMC_RUN"
  echo_release one
fi
kernel_json counters "before.$SIDE.json"
"$SMC_RUN" --role smcr stats --prometheus >"smc.$SIDE.prom" || fail "smcr stats --prometheus failed"
kernel_json counters "after.$SIDE.json"
if on A; then tell done; else await done >/dev/null; fi
head -n 12 "smc.$SIDE.prom"
# Debian's own Python, which has the package (the host's / is shared in).
/usr/bin/python3 - "$SIDE" <<'PY' || fail "the Prometheus text differs from the kernel's counters"
import json, sys
from prometheus_client.parser import text_string_to_metric_families
side = sys.argv[1]
before, after = (json.load(open(n % side)) for n in ("before.%s.json", "after.%s.json"))
assert before == after, "the counters moved while they were read"
families = {f.name: f for f in text_string_to_metric_families(open("smc.%s.prom" % side).read())}
def value(family, **labels):
    found = [s.value for s in families[family].samples if s.labels == labels]
    assert len(found) == 1, (family, labels, found)
    return found[0]
stats, fallbacks = after["stats"], after["fallbacks"]
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
assert stats["smcr"]["srv_v2_succ_cnt"] + stats["smcr"]["clnt_v2_succ_cnt"] > 0
print(checked, "series agree with the kernel's counters")
PY
