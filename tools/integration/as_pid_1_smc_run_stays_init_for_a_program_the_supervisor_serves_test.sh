#!/usr/bin/env bash
# As pid 1 of a pid namespace (a container's entrypoint), smc_run stays an
# init when the seccomp supervisor serves PROGRAM, instead of leaving the
# supervisor to become PROGRAM's child: wait(-1) in PROGRAM finds no child
# but its own, PROGRAM's exit status and a signal sent to pid 1 reach it and
# come back as pid 1's status, and its --summary-file line is written
# before the namespace ends.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
unshare -pf --mount-proc true 2>/dev/null || fail "this test needs unshare -p (root)"
as_pid_1() { unshare -pf --mount-proc "$@"; }

run as_pid_1 "$SMC_RUN" -d "$probe" waitany
expect_eq "$RC" 0 "status"
expect_eq "$OUT" $'no child: -1 errno=10\none child: itself status=7\nthen: -1 errno=10' \
  "what wait() sees in PROGRAM"
expect_contains "$ERR" "pid 1: smc_run stays pid 1 as a minimal init and runs $probe as its child" \
  "the -d note"

run as_pid_1 "$SMC_RUN" "$probe" exit 42
expect_eq "$RC" 42 "PROGRAM's exit status"

# SIGTERM to pid 1 goes on to PROGRAM (here: a shell waiting on sleep, which
# it forwards to; pid 1 ends with 143).
run as_pid_1 "$SMC_RUN" sh -c "'$probe' exit 0; trap 'exit 143' TERM; kill -TERM 1; sleep 30 & wait"
expect_eq "$RC" 143 "a signal to pid 1 reaches PROGRAM"

# --summary-file: the supervisor writes PROGRAM's line before pid 1 ends.
run as_pid_1 "$SMC_RUN" -d --summary-file "$SCRATCH/summary.json" "$probe" echo
expect_eq "$RC" 0 "status with a summary"
expect_match "$ERR" '^seccomp_probe\[2\]: smc: seccomp: socket\(' "PROGRAM served, as pid 2"
expect_match "$(cat "$SCRATCH/summary.json")" '^\{"pid":2,"program":"seccomp_probe","sockets":2,' \
  "PROGRAM's summary line"

# With the library alone there is no supervisor: smc_run becomes PROGRAM,
# pid 1 as before.
run as_pid_1 "$SMC_RUN" --mechanism preload sh -c 'echo $$'
expect_eq "$OUT" 1 "PROGRAM is pid 1 without the supervisor"

# -n says so too.
run as_pid_1 "$SMC_RUN" -n "$probe" echo
expect_contains "$OUT" "pid 1: smc_run stays pid 1 as a minimal init and runs $probe as its child" \
  "the -n note"
