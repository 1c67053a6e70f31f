#!/usr/bin/env bash
# Under the seccomp supervisor smc_run still becomes the program: its exit
# status reaches the shell, and a program killed by SIGTERM is reported
# as such (143), with the same pid as smc_run had.
# Each for a static glibc, a static musl and a Go program.
source "$(dirname "$0")/lib.sh"
for probe in "$@"; do
  probe="$(cd "$(dirname "$probe")" && pwd)/$(basename "$probe")"
  name="$(basename "$probe")"
  for status in 0 3 42; do
    run "$SMC_RUN" "$probe" exit "$status"
    expect_eq "$RC" "$status" "exit $status ($name)"
  done
  run "$SMC_RUN" -d "$probe" exit 5
  expect_contains "$(seccomp_lines "$ERR" "$name")" "socket(AF_INET, SOCK_STREAM, 0)" \
    "the socket went through the supervisor ($name)"

  run "$SMC_RUN" "$probe" term
  expect_eq "$RC" 143 "killed by SIGTERM ($name)"

  "$SMC_RUN" "$probe" term &
  child=$!
  wait "$child" && rc=0 || rc=$?
  expect_eq "$rc" 143 "wait on the pid the shell started ($name)"
done
