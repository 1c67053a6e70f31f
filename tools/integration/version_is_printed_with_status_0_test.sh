#!/usr/bin/env bash
# -v prints the version on stdout and exits 0, whatever follows it.
source "$(dirname "$0")/lib.sh"

for args in "-v" "--version" "-v no-such-program"; do
  # shellcheck disable=SC2086
  run "$SMC_RUN" $args
  expect_eq "$RC" 0 "status of $args"
  expect_match "$OUT" '^smc_run [0-9]+\.[0-9]+\.[0-9]+$' "stdout of $args"
  expect_eq "$ERR" "" "stderr of $args"
done
