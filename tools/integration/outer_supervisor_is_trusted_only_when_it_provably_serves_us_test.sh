#!/usr/bin/env bash
# SMC_SECCOMP_SUPERVISOR is trusted only when this process is provably
# served by the supervisor it names (its filter answers the proof calls
# with that pid, base/library_mark.h): a stale variable naming a live
# supervisor of another tree, in a process under an unrelated seccomp
# filter, neither keeps smc_run from serving PROGRAM nor drops --strict.
# A real nested smc_run still relies on its outer supervisor.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
unrelated="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"

# A live supervisor of another tree.
"$SMC_RUN" -d --mechanism seccomp sleep 60 2>"$SCRATCH/other.err" &
BACKGROUND_PIDS+=($!)
wait_for "$SCRATCH/other.err" 'seccomp supervisor [0-9]+ serves'
other="$(supervisor_pid "$(cat "$SCRATCH/other.err")")"
[[ -n "$other" ]] || fail "no supervisor for the other tree: $(cat "$SCRATCH/other.err")"

run env SMC_SECCOMP_SUPERVISOR="$other" "$unrelated" none "$SMC_RUN" -d "$probe" exit 0
expect_eq "$RC" 0 "stale variable: status"
expect_not_contains "$ERR" "outer smc_run (pid $other)" "stale variable: relied on"
mine="$(supervisor_pid "$ERR")"
[[ -n "$mine" && "$mine" != "$other" ]] || fail "stale variable: no supervisor of its own: $ERR"
expect_eq "$(seccomp_lines "$ERR" seccomp_probe | grep -c 'socket(')" 1 \
  "stale variable: the program's socket answered by its own supervisor"

# --strict is kept: the strict setting reaches the program's supervisor.
run env SMC_SECCOMP_SUPERVISOR="$other" "$unrelated" none "$SMC_RUN" -n --strict "$probe" status
expect_contains "$OUT" "would set SMC_STRICT=1 (--strict)" "stale variable: --strict"
expect_contains "$OUT" "would start a seccomp supervisor" "stale variable, -n: its own supervisor"

# A real nested smc_run relies on the outer one.
run "$SMC_RUN" -d "$SMC_RUN" -d "$probe" echo
outer="$(supervisor_pid "$ERR")"
expect_contains "$ERR" "the seccomp supervisor of an outer smc_run (pid $outer) already serves" \
  "nested: relied on"
