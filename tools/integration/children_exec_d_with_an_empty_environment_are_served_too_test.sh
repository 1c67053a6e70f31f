#!/usr/bin/env bash
# The filter is inherited across fork and exec: a child a static program
# execs with an empty environment is served by the same supervisor, which
# keeps the child's SOCK_NONBLOCK and SOCK_CLOEXEC.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

run "$SMC_RUN" -d "$probe" child
expect_eq "$RC" 0 "status"
child="$(sed -nE 's/^child pid ([0-9]+) status 0$/\1/p' <<<"$OUT")"
[[ -n "$child" ]] || fail "the child failed: $OUT"
expect_contains "$OUT" "nonblock 1 cloexec 1, plain 0 0" "the child's socket flags"
expect_contains "$ERR" \
  "seccomp_probe[$child]: smc: seccomp: socket(AF_INET6, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, 0)" \
  "the supervisor's line for the child"
expect_eq "$(grep -c 'seccomp supervisor [0-9]* serves' <<<"$ERR")" 1 "one supervisor"
