#!/usr/bin/env bash
# Runs inside the SMC guest (started by suite_test.sh through
# tools/testbed/run): each check script in its own folder, with a time
# limit, writing "PASS|FAIL NAME SECONDS" to ./results and its output to
# ./NAME.log.
#   in_guest.sh SMC_RUN GUEST_DIR CHECK...
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
  else
    ((rc == 124)) && echo "FAIL: timed out after 120 s" >>"$name.log"
    echo "FAIL $name $secs" >>results
  fi
done
