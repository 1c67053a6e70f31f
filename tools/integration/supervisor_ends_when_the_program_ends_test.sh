#!/usr/bin/env bash
# The seccomp supervisor ends by itself once the last process it serves
# has ended: after a program, after one that leaves a background child
# behind (when that child ends too), and after one killed by a signal.
# It never outlives the tree.
source "$(dirname "$0")/lib.sh"
# After a program and after one killed by a signal: a static glibc, a
# static musl and a Go program.
for probe in "$@"; do
  probe="$(cd "$(dirname "$probe")" && pwd)/$(basename "$probe")"
  name="$(basename "$probe")"
  for mode in echo term; do
    run "$SMC_RUN" -d "$probe" "$mode"
    [[ "$mode" == echo ]] && want=0 || want=143
    expect_eq "$RC" "$want" "status of $mode ($name)"
    pid="$(supervisor_pid "$ERR")"
    [[ -n "$pid" ]] || fail "no supervisor pid in: $ERR"
    wait_gone "$pid"
  done
done

probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

# A child that outlives the program keeps the supervisor until it ends
# (it waits for the file "go").
run "$SMC_RUN" -d sh -c "exec 1>&- 2>&-
  ( while [ ! -e '$SCRATCH/go' ] && [ -d '$SCRATCH' ]; do sleep 0.05; done
    exec '$probe' exit 0 ) &
  exec '$probe' exit 0"
expect_eq "$RC" 0 "status of the program that left a child"
pid="$(supervisor_pid "$ERR")"
[[ -n "$pid" ]] || fail "no supervisor pid in: $ERR"
expect_eq "$(cat "/proc/$pid/comm" 2>/dev/null)" "smc_run-seccomp" "supervisor while the child lives"
touch "$SCRATCH/go"
wait_gone "$pid"
