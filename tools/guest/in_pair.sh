#!/usr/bin/env bash
# Runs on both guests of the pair (started by suite_test.sh through
# tools/testbed/run --pair): every check script, on both sides at once,
# each side with a time limit, writing "PASS|FAIL NAME SECONDS" to
# ./results.A or ./results.B and its output to ./NAME.A.log or NAME.B.log.
# Both sides of a check share one folder (their cwd, runs/NAME, in the
# shared work folder), where they tell each other what they did
# (pair_lib.sh). The sides meet before and after each check, so no check
# sees another's connections or counters.
#   in_pair.sh SMC_RUN GUEST_DIR CHECK...
set -uo pipefail
export SMC_RUN="$1" GUEST_DIR="$2"
shift 2
side="${SMC_TESTBED_HOST:?not in a pair guest}"
other=A
[[ "$side" == A ]] && other=B
mkdir -p meet
: >"results.$side"

# meet NAME: until the other side has come to NAME too (150 s at most: a
# side's check is stopped after 120 s, so the other arrives by then).
meet() {
  local i
  : >"meet/$1.$side"
  for ((i = 0; i < 1500; i++)); do
    [[ -f "meet/$1.$other" ]] && return 0
    sleep 0.1
  done
  echo "guest $other never reached '$1'" >>"$name.$side.log"
  return 1
}

for check in "$@"; do
  name="$(basename "$check" .sh)"
  mkdir -p "runs/$name"
  meet "$name.start"
  start=${EPOCHREALTIME/./}
  (cd "runs/$name" && timeout -k 5 120 bash "$check") >"$name.$side.log" 2>&1
  rc=$?
  # Tells the other side's await (pair_lib.sh) to stop waiting for us.
  : >"runs/$name/.ended.$side"
  took=$(((${EPOCHREALTIME/./} - start) / 100000))
  secs="$((took / 10)).$((took % 10))"
  if ((rc == 0)); then
    echo "PASS $name $secs" >>"results.$side"
  else
    ((rc == 124)) && echo "FAIL: timed out after 120 s" >>"$name.$side.log"
    echo "FAIL $name $secs" >>"results.$side"
  fi
  meet "$name.end"
done
