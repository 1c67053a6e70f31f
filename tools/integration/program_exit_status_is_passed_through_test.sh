#!/usr/bin/env bash
# smc_run exits with PROGRAM's own status, 0 included, and a PROGRAM killed
# by a signal looks killed by that signal to the caller.
source "$(dirname "$0")/lib.sh"

for code in 0 1 7 42 125 126 127 255; do
  run "$SMC_RUN" sh -c "exit $code"
  expect_eq "$RC" "$code" "status of 'exit $code'"
done
run "$SMC_RUN" true
expect_eq "$RC" 0 "status of true"
expect_eq "$OUT$ERR" "" "output of a silent program"
run "$SMC_RUN" sh -c 'kill -TERM $$'
expect_eq "$RC" 143 "status of a program killed by SIGTERM"
