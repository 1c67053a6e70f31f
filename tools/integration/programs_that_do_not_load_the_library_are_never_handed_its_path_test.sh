#!/usr/bin/env bash
# A PROGRAM that does not load the library (static here) is never handed
# LD_PRELOAD=/proc/self/fd/N: nothing would keep N naming our library, so
# once the program puts another file on N, its dynamic children would load
# that file. The supervisor serves the whole tree instead. An outer
# smc_run's entry is dropped for the same reason; the user's own entries
# stay. Without /proc such a program runs under auto as under
# --mechanism seccomp: it needs no memfd path.
source "$(dirname "$0")/lib.sh"
reuse="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
marker="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
static="$(cd "$(dirname "$3")" && pwd)/$(basename "$3")"

run "$SMC_RUN" "$reuse" "$marker" /bin/echo child ran
expect_eq "$RC" 0 "status"
expect_eq "$OUT" $'LD_PRELOAD unset\nchild ran' "the static program got no LD_PRELOAD"
expect_not_contains "$ERR" "marker-preload: loaded" "a foreign library loaded by the child"
expect_no_loader_errors "$ERR" "stderr"

run "$SMC_RUN" -n "$reuse" "$marker" /bin/echo
expect_not_contains "$OUT" "LD_PRELOAD" "-n: no LD_PRELOAD for the static program"

# Nested: the outer smc_run's entry is dropped, not handed on.
run "$SMC_RUN" sh -c 'exec "$0" "$@"' "$SMC_RUN" "$reuse" "$marker" /bin/echo child ran
expect_eq "$OUT" $'LD_PRELOAD unset\nchild ran' "nested: no outer entry handed on"
expect_not_contains "$ERR" "marker-preload: loaded" "nested: a foreign library loaded by the child"

run "$SMC_RUN" sh -c 'exec "$0" "$@"' "$SMC_RUN" -n "$reuse" "$marker" /bin/echo
expect_match "$OUT" "^would unset LD_PRELOAD \(an earlier smc_run's library dropped" "nested, -n: the entry dropped"

# The user's own entry stays.
run env LD_PRELOAD="$marker" "$SMC_RUN" "$reuse" /dev/null /bin/echo child ran
expect_eq "$OUT" $'LD_PRELOAD='"$marker"$'\nchild ran' "the user's own LD_PRELOAD"

# Without /proc: auto runs the static program as --mechanism seccomp does.
no_proc=(unshare --mount sh -c 'mount -t tmpfs -o size=4k empty /proc && exec "$@"' sh)
run "${no_proc[@]}" "$SMC_RUN" --mechanism seccomp "$static" exit 3
expect_eq "$RC" 3 "no /proc, --mechanism seccomp: the program's status"
run "${no_proc[@]}" "$SMC_RUN" "$static" exit 3
expect_eq "$RC" 3 "no /proc, auto: the program's status, as under seccomp"
expect_eq "$OUT" "" "no /proc, auto: no error"
