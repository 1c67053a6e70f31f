#!/usr/bin/env bash
# Invalid options, bad sizes and a missing PROGRAM exit 1 with one line on
# stdout (as smc-tools' smc_run does) that names the bad value.
source "$(dirname "$0")/lib.sh"

check() {  # MESSAGE ARGS...
  local message="$1"
  shift
  run "$SMC_RUN" "$@"
  expect_eq "$RC" 1 "status of smc_run $*"
  expect_eq "$OUT" "smc_run: Error: $message" "stdout of smc_run $*"
  expect_eq "$ERR" "" "stderr of smc_run $*"
}
check "invalid option '-x'" -x true
check "invalid option '--bogus'" --bogus true
check "missing PROGRAM"
check "missing PROGRAM" -d -r 64k
check "option --rcvbuf requires a value" -r
check "invalid size '1g' for -r: unknown suffix (use k or m)" -r 1g true
check "invalid size '0' for -t: size must be greater than zero" -t 0 true
check "invalid size '-1' for -t: not a decimal number of bytes" -t -1 true
check "invalid size '0x100' for -r: unknown suffix (use k or m)" -r 0x100 true
check "invalid size '' for -r: empty size" -r '' true
check "invalid size '2048m' for -r: too large (the kernel caps socket buffers at 1073741823 bytes)" \
  -r 2048m true

run env SMC_SNDBUF=12q "$SMC_RUN" true
expect_eq "$RC" 1 "status with a bad SMC_SNDBUF"
expect_eq "$OUT" \
  "smc_run: Error: invalid SMC_SNDBUF '12q' in the environment: unknown suffix (use k or m)" \
  "stdout with a bad SMC_SNDBUF"
