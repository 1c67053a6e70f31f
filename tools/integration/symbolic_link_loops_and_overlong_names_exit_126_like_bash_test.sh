#!/usr/bin/env bash
# A PROGRAM path that names something smc_run cannot resolve exits 126
# with the kernel's reason, as in bash: a symbolic-link loop (ELOOP) and a
# 5,000-byte name (ENAMETOOLONG). Only what is not there is 127.
source "$(dirname "$0")/lib.sh"
ln -s loop2 "$SCRATCH/loop1"
ln -s loop1 "$SCRATCH/loop2"

run "$SMC_RUN" "$SCRATCH/loop1"
expect_eq "$RC" 126 "status for a symbolic-link loop"
expect_eq "$OUT" "smc_run: Error: $SCRATCH/loop1: Too many levels of symbolic links" "its message"
run bash -c '"$0"' "$SCRATCH/loop1"
expect_eq "$RC" 126 "bash's status for the loop"

long="./$(printf 'x%.0s' $(seq 5000))"
run "$SMC_RUN" "$long"
expect_eq "$RC" 126 "status for a 5,000-byte name"
expect_eq "$OUT" "smc_run: Error: $long: File name too long" "its message"
run bash -c '"$0"' "$long"
expect_eq "$RC" 126 "bash's status for the long name"

run "$SMC_RUN" "$SCRATCH/missing"
expect_eq "$RC" 127 "status for a missing file"
