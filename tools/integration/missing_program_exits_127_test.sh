#!/usr/bin/env bash
# A PROGRAM that is not there exits 127, as in a shell.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" no-such-program-anywhere
expect_eq "$RC" 127 "status for an unknown name"
expect_eq "$OUT" "smc_run: Error: no-such-program-anywhere: command not found" \
  "message for an unknown name"

run "$SMC_RUN" "$SCRATCH/missing"
expect_eq "$RC" 127 "status for a missing path"
expect_eq "$OUT" "smc_run: Error: $SCRATCH/missing: No such file or directory" \
  "message for a missing path"

run env PATH= "$SMC_RUN" true
expect_eq "$RC" 127 "status with an empty PATH (searches only .)"
