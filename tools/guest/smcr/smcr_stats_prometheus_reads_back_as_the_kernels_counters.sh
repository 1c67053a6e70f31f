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
import json, os, sys
sys.path.insert(0, os.environ["GUEST_DIR"])
from compare_with_kernel import expect_prometheus_equal
side = sys.argv[1]
before, after = (json.load(open(n % side)) for n in ("before.%s.json", "after.%s.json"))
assert before == after, "the counters moved while they were read"
checked = expect_prometheus_equal(open("smc.%s.prom" % side).read(), after)
assert after["stats"]["smcr"]["srv_v2_succ_cnt"] + after["stats"]["smcr"]["clnt_v2_succ_cnt"] > 0
print(checked, "series agree with the kernel's counters")
PY
