#!/usr/bin/env bash
# -n prints what would be set and run (variables, sysctls, warnings, the
# resolved program and its quoted arguments) on stdout, exits 0, and
# neither runs the program nor changes a sysctl. Bad input is refused as
# without -n.
source "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
rmem_before="$(cat /proc/sys/net/core/rmem_max)"
big=$((rmem_before + 1024))
[[ $big -le 1073741823 ]] || big=1073741823

run "$SMC_RUN" -n -r "$big" -f smc --summary sh -c 'touch ran' "a b"
expect_eq "$RC" 0 "status"
expect_eq "$ERR" "" "stderr"
[[ ! -e ran ]] || fail "the program ran"
expect_eq "$(cat /proc/sys/net/core/rmem_max)" "$rmem_before" "net.core.rmem_max"
expect_eq "$(head -1 <<<"$OUT")" "smc_run: dry run; nothing is changed or run" "first line"
if [[ $big -gt $rmem_before ]]; then
  expect_contains "$OUT" "would raise net.core.rmem_max from $rmem_before to $big" "sysctl line"
fi
expect_contains "$OUT" "would set SMC_RCVBUF=$big (-r $big)" "size"
expect_contains "$OUT" "would set SMC_SOCK_FAMILY=smc (-f smc)" "family"
expect_contains "$OUT" "would set SMC_SUMMARY=1 (--summary)" "summary"
expect_match "$OUT" "would set LD_PRELOAD=/proc/self/fd/N$" "library"
expect_contains "$OUT" "would exec $(command -v sh) with argv: sh -c 'touch ran' 'a b'" "program"

# A program the library cannot reach: the mechanism that serves it, or
# with the library alone the warning, is part of the plan.
static="$(cd "$OLDPWD" && cd "$(dirname "$1")" && pwd)/$(basename "$1")"
run "$SMC_RUN" -n "$static"
expect_eq "$RC" 0 "status for a static program"
expect_contains "$OUT" "mechanism: the seccomp supervisor, because $static is statically linked" \
  "mechanism for a static program"
expect_contains "$OUT" "would start a seccomp supervisor" "the supervisor in the plan"
expect_contains "$OUT" "does not see sockets made by io_uring" "the supervisor's io_uring limit"
expect_contains "$OUT" "a program that moves to another keeps TCP" \
  "the supervisor's network namespace limit"
run "$SMC_RUN" -n --mechanism preload "$static"
expect_match "$OUT" "^warning: .*statically linked" "warning for a static program, library alone"
expect_not_contains "$OUT" "seccomp supervisor" "no supervisor with the library alone"

run "$SMC_RUN" -n -f tcp true
expect_eq "$RC" 1 "status for a bad family"
expect_eq "$OUT" "smc_run: Error: invalid FAMILY 'tcp' for -f (use smc, inet or auto)" "bad family"
run "$SMC_RUN" -n no-such-program-here
expect_eq "$RC" 127 "status for a missing program"

# Values are quoted as in a shell: a newline in LD_PRELOAD cannot fake a
# line of the plan.
run env LD_PRELOAD=$'/x.so\nevil' "$SMC_RUN" -n true
expect_eq "$RC" 0 "status with a newline in LD_PRELOAD"
expect_no_match "$OUT" "^evil" "a faked line"
expect_contains "$OUT" "would set LD_PRELOAD=\$'/x.so\\nevil:/proc/self/fd/N'" "the quoted LD_PRELOAD"
