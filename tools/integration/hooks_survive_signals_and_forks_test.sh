#!/usr/bin/env bash
# The hooks take no lock and allocate nothing on socket() and exec, so a
# threaded program that calls socket() from signal handlers and forks
# children that exec is unharmed: every child runs and exits, none hangs.
# Run with and without SMC_DEBUG (its lines are written the same way).
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

for debug in 0 1; do
  run env SMC_DEBUG=$debug "$SMC_RUN" "$probe"
  expect_eq "$RC" 0 "status with SMC_DEBUG=$debug"
  expect_eq "$OUT" "ok 50 1" "forks and signal handlers with SMC_DEBUG=$debug"
  expect_no_loader_errors "$ERR" "stderr with SMC_DEBUG=$debug"
done
