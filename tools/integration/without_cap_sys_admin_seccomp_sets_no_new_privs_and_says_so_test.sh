#!/usr/bin/env bash
# As a user without CAP_SYS_ADMIN, seccomp needs no_new_privs: smc_run
# sets it for a static program and says so under -d and -n; it never sets
# it for a program that is itself setuid (that one keeps its privileges,
# runs without SMC, and is named); --mechanism seccomp sets it even then,
# with a warning. Runs as nobody (65534), outside the sandbox.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ "$(id -u)" == 0 ]] || fail "this test needs root to become another user"

# Copies that nobody may run, in a folder nobody may enter.
place="$(mktemp -d /tmp/smc_nnp.XXXXXX)"
trap 'rm -rf "$place"; cleanup' EXIT
chmod 755 "$place"
cp "$SMC_RUN" "$place/smc_run"
cp "$probe" "$place/probe"
cp "$probe" "$place/suid-probe"
chown 4242:4242 "$place/suid-probe"
chmod 4755 "$place/suid-probe"
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

run "${as_nobody[@]}" "$place/smc_run" -d "$place/probe" status
expect_eq "$RC" 0 "status as nobody"
expect_eq "$OUT" $'NoNewPrivs:\t1\nSeccomp:\t2' "the static program runs filtered, no_new_privs"
expect_contains "$ERR" "no_new_privs: set for the seccomp filter (no CAP_SYS_ADMIN)" "said under -d"
run "${as_nobody[@]}" "$place/smc_run" -n "$place/probe" status
expect_contains "$OUT" "no_new_privs: set for the seccomp filter" "said by -n"

run "${as_nobody[@]}" "$place/smc_run" -d "$place/suid-probe" status
expect_eq "$OUT" $'NoNewPrivs:\t0\nSeccomp:\t0' "the setuid program keeps its privileges"
expect_contains "$ERR" "smc_run: Warning: $place/suid-probe is setuid (owner uid 4242)" "named"
expect_contains "$ERR" "would need no_new_privs, which would run it without its privileges" \
  "why it is not filtered"

run "${as_nobody[@]}" "$place/smc_run" --mechanism seccomp "$place/suid-probe" status
expect_eq "$OUT" $'NoNewPrivs:\t1\nSeccomp:\t2' "asked for: filtered"
expect_contains "$ERR" "smc_run: Warning: $place/suid-probe is setuid (owner uid 4242): no_new_privs" \
  "the warning when asked for"

# Root needs no no_new_privs: the setuid program is served and keeps them.
run "$place/smc_run" "$place/suid-probe" status
expect_eq "$OUT" $'NoNewPrivs:\t0\nSeccomp:\t2' "as root: filtered without no_new_privs"
