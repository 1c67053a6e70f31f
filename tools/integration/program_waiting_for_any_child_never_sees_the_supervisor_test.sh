#!/usr/bin/env bash
# The seccomp supervisor is not the program's child (it is forked twice):
# wait(-1) in the program finds no child at all (ECHILD), then exactly the
# one it makes, with its status.
# Each for a static glibc, a static musl and a Go program.
source "$(dirname "$0")/lib.sh"
for probe in "$@"; do
  probe="$(cd "$(dirname "$probe")" && pwd)/$(basename "$probe")"
  name="$(basename "$probe")"
  run "$SMC_RUN" -d "$probe" waitany
  expect_eq "$RC" 0 "status ($name)"
  expect_contains "$ERR" "seccomp supervisor" "the supervisor was started ($name)"
  expect_eq "$OUT" $'no child: -1 errno=10\none child: itself status=7\nthen: -1 errno=10' \
    "what wait() sees ($name)"
done
