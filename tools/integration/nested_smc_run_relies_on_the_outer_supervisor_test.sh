#!/usr/bin/env bash
# An smc_run inside another one finds the outer supervisor serving it
# (the kernel allows one listener per filter chain) and relies on it: no
# second supervisor, the inner program's sockets answered by the outer
# one, and a nested smc_run whose environment lost the marker still runs
# its program, saying why it could not add its own.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

run "$SMC_RUN" -d "$SMC_RUN" -d "$probe" echo
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "echo ok" "the inner program"
outer="$(supervisor_pid "$ERR")"
[[ -n "$outer" ]] || fail "no outer supervisor in: $ERR"
expect_eq "$(grep -c 'seccomp supervisor [0-9]* serves' <<<"$ERR")" 1 "supervisors started"
expect_contains "$ERR" "the seccomp supervisor of an outer smc_run (pid $outer) already serves" \
  "the inner smc_run relies on the outer one"
expect_eq "$(seccomp_lines "$ERR" seccomp_probe | grep -c 'socket(')" 2 "answers for the inner program"

# Without the marker the kernel refuses a second listener: one line, and
# the program runs, served by the outer supervisor all the same.
run "$SMC_RUN" -d sh -c "unset SMC_SECCOMP_SUPERVISOR; exec '$SMC_RUN' -d '$probe' echo"
expect_eq "$RC" 0 "status without the marker"
expect_eq "$OUT" "echo ok" "the inner program without the marker"
expect_contains "$ERR" "already has a seccomp listener" "why the inner supervisor could not start"
expect_eq "$(seccomp_lines "$ERR" seccomp_probe | grep -c 'socket(')" 2 \
  "answers for the inner program without the marker"
