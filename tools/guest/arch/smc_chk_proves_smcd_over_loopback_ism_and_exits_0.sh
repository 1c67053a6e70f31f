# smc_run --role smc_chk, built for the guest's architecture, on its kernel
# with loopback-ism: every check needed for SMC-D is ok, the live
# connection's two ends are SMC-D, it exits 0, and its JSON says the same;
# the kernel's own counters count its live connection as one SMC-Dv2
# handshake on each side, nothing else. The EID it names is the kernel's:
# the test bed's UEID on arm64, none on s390x, whose system EID serves.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
ueids="$(kernel_ueids)"
kernel_json seid seid.json
kernel_json counters text.before
rc=0
out="$("$SMC_RUN" --role smc_chk)" || rc=$?
kernel_json counters text.after
echo "$out"
one_smcd_connection="stats.smcd.clnt_v2_succ_cnt +1, stats.smcd.srv_v2_succ_cnt +1"
expect_eq "$(counter_changes text.before text.after)" "$one_smcd_connection" \
  "the kernel's counters for smc_chk's live connection"
expect_eq "$rc" 0 "status of smc_chk"
for name in "smc module" "smc_diag module" AF_SMC IPPROTO_SMC; do
  expect_match "$out" "^$name +ok  " "the $name check"
done
expect_match "$out" '^SMC-D devices +ok +loopback-ism ' "SMC-D devices"
expect_match "$out" '^live loopback +ok +SMC-D: 16384 bytes each way over 127\.0\.0\.1:[0-9]+$' \
  "live test"
expect_eq "$(tail -n 1 <<<"$out")" \
  "verdict: SMC-D is used: the test connection over 127.0.0.1 ran on shared memory (loopback-ism)" \
  "verdict"
expect_no_match "$out" '  fail  ' "failed checks"

kernel_json counters json.before
rc=0
"$SMC_RUN" --role smc_chk --json >chk.json || rc=$?
kernel_json counters json.after
expect_eq "$rc" 0 "status of smc_chk --json"
expect_eq "$(counter_changes json.before json.after)" "$one_smcd_connection" \
  "the kernel's counters for smc_chk --json's live connection"
python3 - chk.json "$ueids" <<'PY' || fail "JSON verdict: $(cat chk.json)"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["smc"] is True and doc["verdict"] == "SMC-D" and doc["reason"] is None, doc
assert doc["loopback_ism"] is True, doc
assert doc["ueids"] == sys.argv[2].split(), (doc["ueids"], sys.argv[2])
live = doc["loopback"]
assert live["ran"] and live["error"] is None and live["bytes"] == 16384, live
for side in ("client", "server"):
    assert live[side]["mode"] == "SMCD" and live[side]["fallback_reason"] == 0, live
assert live["client"]["inode"] != live["server"]["inode"], live
assert all(c["status"] != "fail" for c in doc["checks"]), doc["checks"]
PY
