#!/usr/bin/env bash
# Bad options to smc_chk exit 1 with one line on stderr naming the bad
# word, as for smcss and smcd, before anything is checked; -h and -v exit 0.
source "$(dirname "$0")/lib.sh"

check() {  # MESSAGE ARGS...
  local message="$1"
  shift
  run "$SMC_RUN" --role smc_chk "$@"
  expect_eq "$RC" 1 "status of smc_chk $*"
  expect_eq "$OUT" "" "stdout of smc_chk $*"
  expect_eq "$ERR" "smc_chk: Error: $message" "stderr of smc_chk $*"
}
check "invalid option '-x'" -x
check "invalid option '-x'" -jx
check "invalid option '--verbose'" --verbose
check "unexpected argument 'now'" now
check "unexpected argument \$'a\\nb'" $'a\nb'
check "-j and -q exclude each other" -j -q

run "$SMC_RUN" --role smc_chk -v
expect_eq "$RC" 0 "status of -v"
expect_match "$OUT" '^smc_chk \(smc_run\) [0-9]+\.[0-9]+\.[0-9]+$' "output of -v"
