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
import json, os, sys
sys.path.insert(0, os.environ["GUEST_DIR"])
from compare_with_kernel import expect_prometheus_equal, expect_smcd_stats_grown
before, after = json.load(open("before.json")), json.load(open("after.json"))
want = expect_smcd_stats_grown(before, after, json.load(open("ours.json")), 2)
assert after["stats"]["smcd"]["rx_bytes"] - before["stats"]["smcd"]["rx_bytes"] >= 2 * 1048576
print("smcd -j stats agrees with the kernel:", want)
prom = json.load(open("after_prom.json"))
assert prom == after, "the counters moved while they were read"
checked = expect_prometheus_equal(open("smc.prom").read(), prom)
print(checked, "Prometheus series agree with the kernel's counters")
PY
