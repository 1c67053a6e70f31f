#!/usr/bin/env bash
# The supervisor makes sockets in its own network namespace, so a program
# in another one (here started by unshare -n) is never handed one: its
# own socket() call runs there, and -d says why.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
unshare -n true 2>/dev/null || fail "this test needs unshare -n (root)"

run "$SMC_RUN" -d --mechanism seccomp unshare -n "$probe" flags
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "nonblock 1 cloexec 1, plain 0 0" "the program's own sockets"
expect_eq "$(seccomp_lines "$ERR" seccomp_probe |
  grep -c -- '-> TCP: the program is in another network namespace than smc_run$')" 2 \
  "both sockets left to their own calls"
