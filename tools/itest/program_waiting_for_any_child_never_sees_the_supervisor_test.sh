#!/usr/bin/env bash
# The seccomp supervisor is not the program's child (it is forked twice):
# wait(-1) in the program finds no child at all (ECHILD), then exactly the
# one it makes, with its status.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

run "$SMC_RUN" -d "$probe" waitany
expect_eq "$RC" 0 "status"
expect_contains "$ERR" "seccomp supervisor" "the supervisor was started"
expect_eq "$OUT" $'no child: -1 errno=10\none child: itself status=7\nthen: -1 errno=10' \
  "what wait() sees"
