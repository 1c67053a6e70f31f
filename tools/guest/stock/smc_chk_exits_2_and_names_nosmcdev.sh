# With Debian's stock smc.ko there is no SMC device: smc_chk still finds
# the modules and AF_SMC, fails the device checks, and its live connection
# falls back with NOSMCDEV, which the verdict names; it exits 2, in text
# and in JSON. The kernel lists no SMC-D or SMC-R device, and its fallback
# counters count each live connection with the reasons smc_chk names.
source "$GUEST_DIR/lib.sh"
kernel_json devices devices.json
expect_eq "$(python3 -c 'import json; print(json.load(open("devices.json")))')" \
  "{'smcd': [], 'smcr': []}" "the kernel's SMC devices"
kernel_json counters text.before
rc=0
out="$("$SMC_RUN" --role smc_chk)" || rc=$?
kernel_json counters text.after
echo "$out"
expect_eq "$rc" 2 "status of smc_chk"
one_fallback="fallbacks.client.$NOSMCDEV +1, fallbacks.clnt_fback_cnt +1, fallbacks.server.$PEERDECL +1, fallbacks.srv_fback_cnt +1"
expect_eq "$(counter_changes text.before text.after)" "$one_fallback" \
  "the kernel's counters for smc_chk's live connection"
expect_match "$out" '^smc module +ok +loaded$' "smc module"
expect_match "$out" '^AF_SMC +ok  ' "AF_SMC"
expect_match "$out" '^SMC-D devices +fail +none, and no SMC-R device either: .*\(NOSMCDEV\)' \
  "SMC-D devices"
expect_match "$out" '^SMC-R devices +fail +none ' "SMC-R devices"
expect_match "$out" '^live loopback +fail +TCP fallback: client TCP 0x03030000 NOSMCDEV, server TCP 0x05000000 PEERDECL/0x03030000 NOSMCDEV$' \
  "live test"
expect_eq "$(tail -n 1 <<<"$out")" \
  "verdict: SMC is not used: the test connection fell back to TCP with NOSMCDEV (no SMC device found (R or D))" \
  "verdict"

kernel_json counters json.before
rc=0
"$SMC_RUN" --role smc_chk -j >chk.json || rc=$?
kernel_json counters json.after
expect_eq "$rc" 2 "status of smc_chk -j"
expect_eq "$(counter_changes json.before json.after)" "$one_fallback" \
  "the kernel's counters for smc_chk -j's live connection"
python3 - chk.json <<'PY' || fail "JSON verdict: $(cat chk.json)"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["smc"] is False and doc["verdict"] == "TCP", doc
assert doc["reason"] == {"code": 0x03030000, "name": "NOSMCDEV",
                         "text": "no SMC device found (R or D)"}, doc["reason"]
assert doc["loopback_ism"] is False and doc["smcd_devices"] == [], doc
assert doc["loopback"]["client"]["fallback_name"] == "NOSMCDEV", doc["loopback"]
PY
