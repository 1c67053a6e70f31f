#!/usr/bin/env bash
# Runs inside the SMC guest (started by suite_test.sh through
# tools/testbed/run): each check script in its own folder, with a time
# limit, writing "PASS|FAIL|SKIP NAME SECONDS" to ./results and its output
# to ./NAME.log. A check that exits 77 when SMC_RUN is empty was skipped:
# its last line says why (arch_lib.sh's needs_smc_run, in a guest that has
# no smc_run of its own yet).
#   in_guest.sh SMC_RUN GUEST_DIR CHECK...   (SMC_RUN may be '')
set -uo pipefail
export SMC_RUN="$1" GUEST_DIR="$2"
shift 2
: >results
for check in "$@"; do
  name="$(basename "$check" .sh)"
  mkdir -p "runs/$name"
  start=${EPOCHREALTIME/./}
  (cd "runs/$name" && timeout -k 5 120 bash "$check") >"$name.log" 2>&1
  rc=$?
  took=$(((${EPOCHREALTIME/./} - start) / 100000))
  secs="$((took / 10)).$((took % 10))"
  if ((rc == 0)); then
    echo "PASS $name $secs" >>results
  elif ((rc == 77)) && [[ -z "$SMC_RUN" ]]; then
    echo "SKIP $name $secs" >>results
  else
    ((rc == 124)) && echo "FAIL: timed out after 120 s" >>"$name.log"
    echo "FAIL $name $secs" >>results
  fi
done
