#!/usr/bin/env bash
# Runs the guest checks, inside the SMC guest or on both guests of the pair
# at once (started by suite_test.sh through tools/testbed/run): each check
# script in its own folder, runs/NAME (its cwd), with a time limit, writing
# "PASS|FAIL NAME SECONDS" to ./results and its output to ./NAME.log; in
# the pair ./results.A and ./NAME.A.log on guest A, .B on guest B. Both
# sides of a pair's check share runs/NAME, where they tell each other what
# they did (pair_lib.sh), and meet before and after each check, so no check
# sees another's connections or counters.
#   run_checks.sh SMC_RUN GUEST_DIR CHECK...
set -uo pipefail
export SMC_RUN="$1" GUEST_DIR="$2"
shift 2
# Seconds per check (and per side). The slowest, smc_scope enable under
# systemd, takes about 45 s in an idle guest; CI runs two guests on two
# cores, at about half that speed.
limit=180
side="${SMC_TESTBED_HOST:-}" # A or B in the pair, empty in the single guest
other=A
[[ "$side" == A ]] && other=B
suffix="${side:+.$side}"
: >"results$suffix"

# meet NAME: in the pair, until the other side has come to NAME too
# ($limit + 30 s at most: a side's check is stopped after $limit s, so the
# other arrives by then).
meet() {
  local i
  [[ -n "$side" ]] || return 0
  mkdir -p meet
  : >"meet/$1.$side"
  for ((i = 0; i < (limit + 30) * 10; i++)); do
    [[ -f "meet/$1.$other" ]] && return 0
    sleep 0.1
  done
  echo "guest $other never reached '$1'" >>"$name$suffix.log"
  return 1
}

for check in "$@"; do
  name="$(basename "$check" .sh)"
  log="$name$suffix.log"
  mkdir -p "runs/$name"
  meet "$name.start"
  start=${EPOCHREALTIME/./}
  (cd "runs/$name" && timeout -k 5 "$limit" bash "$check") >"$log" 2>&1
  rc=$?
  # Tells the other side's await (pair_lib.sh) to stop waiting for us.
  [[ -z "$side" ]] || : >"runs/$name/.ended.$side"
  took=$(((${EPOCHREALTIME/./} - start) / 100000))
  secs="$((took / 10)).$((took % 10))"
  if ((rc == 0)); then
    echo "PASS $name $secs" >>"results$suffix"
  else
    ((rc == 124)) && echo "FAIL: timed out after $limit s" >>"$log"
    echo "FAIL $name $secs" >>"results$suffix"
  fi
  meet "$name.end"
done
