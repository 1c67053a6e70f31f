#!/usr/bin/env bash
# An empty SMC_* variable (NAME=, as env files and container specs write
# "not set") is the same as an unset one, for smc_run and for the library
# alone: never refused, never an "ignoring" diagnostic, the same plan.
source "$(dirname "$0")/lib.sh"
empties=(SMC_MECHANISM= SMC_SOCK_FAMILY= SMC_SNDBUF= SMC_RCVBUF= SMC_INCLUDE= SMC_EXCLUDE=
         SMC_SUMMARY_FILE= SMC_DEBUG= SMC_STRICT= SMC_SUMMARY= SMC_INHERIT=)

run env "${empties[@]}" "$SMC_RUN" sh -c 'echo unharmed'
expect_eq "$RC" 0 "status with every variable empty"
expect_eq "$OUT" "unharmed" "the program"
expect_eq "$ERR" "" "stderr"

for variable in "${empties[@]}"; do
  run env "$variable" "$SMC_RUN" -n sh -c true
  expect_eq "$RC" 0 "-n status with $variable"
  with="$OUT"
  run env -u "${variable%=}" "$SMC_RUN" -n sh -c true
  expect_eq "$with" "$OUT" "-n's plan with $variable and with it unset"
done

lib="$SCRATCH/libsmc-preload.so"
"$SMC_RUN" --write-lib "$lib"
run env LD_PRELOAD="$lib" SMC_DEBUG=1 SMC_SNDBUF= SMC_SOCK_FAMILY= SMC_EXCLUDE= \
  python3 -c 'import socket; socket.socket(); print("unharmed")'
expect_eq "$OUT" "unharmed" "the library alone: the program"
expect_not_contains "$ERR" "ignoring" "the library alone: a diagnostic about an empty variable"
