#!/usr/bin/env bash
# Under the seccomp supervisor smc_run still becomes the program: its exit
# status reaches the shell, and a program killed by SIGTERM is reported
# as such (143), with the same pid as smc_run had.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

for status in 0 3 42; do
  run "$SMC_RUN" "$probe" exit "$status"
  expect_eq "$RC" "$status" "exit $status"
done

run "$SMC_RUN" "$probe" term
expect_eq "$RC" 143 "killed by SIGTERM"

# The shell's child is the program itself.
"$SMC_RUN" "$probe" term &
child=$!
wait "$child" && rc=0 || rc=$?
expect_eq "$rc" 143 "wait on the pid the shell started"
