#!/usr/bin/env bash
# smc_chk -j prints one JSON document that python's parser accepts, whose
# verdict, checks and facts agree with the text report and the exit status.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" --role smc_chk
text="$OUT"
text_rc="$RC"
for flag in -j --json; do
  run "$SMC_RUN" --role smc_chk "$flag"
  expect_eq "$RC" "$text_rc" "status of $flag"
  expect_eq "$ERR" "" "stderr of $flag"
  printf '%s\n' "$OUT" >"$SCRATCH/chk.json"
done
python3 - "$SCRATCH/chk.json" "$text_rc" <<'PY' || fail "the JSON does not hold what the text says: $OUT"
import json, sys
doc = json.load(open(sys.argv[1]))
status = int(sys.argv[2])
assert set(doc) >= {"smc", "verdict", "reason", "summary", "checks", "loopback", "kernel",
                    "loopback_ism", "smcd_devices", "smcr_devices", "ueids", "seid",
                    "sysctls"}, sorted(doc)
assert doc["smc"] == (status == 0), (doc["smc"], status)
assert doc["verdict"] in ("SMC-D", "SMC-R", "TCP", "none"), doc["verdict"]
assert doc["smc"] == (doc["verdict"] in ("SMC-D", "SMC-R"))
names = [c["name"] for c in doc["checks"]]
assert names[0] == "smc module" and names[-1] == "live loopback", names
for c in doc["checks"]:
    assert set(c) == {"name", "status", "detail"}, c
    assert c["status"] in ("ok", "warn", "fail"), c
    assert c["detail"] and "\n" not in c["detail"], c
for key in ("net.core.rmem_max", "net.core.wmem_max"):
    assert doc["sysctls"][key].isdigit(), doc["sysctls"]
PY
# The text report is exactly the JSON's checks in columns, and its summary.
python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
width = max(len(c["name"]) for c in doc["checks"])
for c in doc["checks"]:
    print(c["name"].ljust(width), c["status"].ljust(4), c["detail"], sep="  ")
print("verdict: " + doc["summary"])' "$SCRATCH/chk.json" >"$SCRATCH/from_json"
printf '%s\n' "$text" >"$SCRATCH/text"
diff -u "$SCRATCH/text" "$SCRATCH/from_json" || fail "text and JSON differ"
