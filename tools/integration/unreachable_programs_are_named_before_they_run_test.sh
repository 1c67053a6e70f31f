#!/usr/bin/env bash
# With the library alone (--mechanism preload), programs it cannot reach
# are named in one warning line before they run, and they still run: a
# static program, a script whose interpreter is static, and a setuid
# program of another owner. (By default the seccomp supervisor serves
# them instead: see the seccomp tests.)
source "$(dirname "$0")/lib.sh"
static="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

run "$SMC_RUN" --mechanism preload "$static"
expect_eq "$RC" 0 "status of the static program"
expect_eq "$OUT" "static program ran" "its output"
expect_eq "$ERR" "smc_run: Warning: $static is statically linked: no library can be preloaded into it, so its TCP sockets stay TCP" \
  "warning for the static program"

printf '#!%s\n' "$static" >"$SCRATCH/script"
chmod 755 "$SCRATCH/script"
run env SMC_MECHANISM=preload "$SMC_RUN" "$SCRATCH/script"
expect_eq "$OUT" "static program ran" "the script's output"
expect_contains "$ERR" "$static (the interpreter of $SCRATCH/script) is statically linked" \
  "warning for the script"

[[ "$(id -u)" == 0 ]] || fail "this test needs root to make a setuid file of another owner"
cp /usr/bin/true "$SCRATCH/suid-true"
chown 65534:65534 "$SCRATCH/suid-true"
chmod 4755 "$SCRATCH/suid-true"
chmod 755 "$SCRATCH"
run "$SMC_RUN" --mechanism preload "$SCRATCH/suid-true"
expect_eq "$RC" 0 "status of the setuid program"
expect_eq "$ERR" "smc_run: Warning: $SCRATCH/suid-true is setuid (owner uid 65534): the loader ignores LD_PRELOAD for it, so its TCP sockets stay TCP" \
  "warning for the setuid program"

run "$SMC_RUN" --mechanism preload /usr/bin/true
expect_eq "$ERR" "" "no warning for an ordinary program"
