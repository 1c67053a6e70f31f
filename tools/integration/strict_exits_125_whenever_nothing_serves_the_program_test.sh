#!/usr/bin/env bash
# --strict refuses, with exit 125 and one line, every PROGRAM that no
# mechanism serves, and without --strict one warning names it: an ELF of
# another machine, a static program under --mechanism preload, a program
# with file capabilities that a user starts (the library is ignored, the
# supervisor would need no_new_privs). An exec-only program, which smc_run
# cannot read and so cannot tell static from dynamic, is said to be so in
# one line; the supervisor serves it under auto, and under --mechanism
# preload --strict refuses it. Runs as nobody (65534), outside the sandbox.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ "$(id -u)" == 0 ]] || fail "this test needs root to become another user"

place="$(mktemp -d /tmp/smc_strict.XXXXXX)"
trap 'rm -rf "$place"; cleanup' EXIT
chmod 755 "$place"
cp "$SMC_RUN" "$place/smc_run"
cp "$probe" "$place/probe"
cp /usr/bin/true "$place/other-machine"
printf '\xb7\x00' | dd of="$place/other-machine" bs=1 seek=18 conv=notrunc status=none
cp /usr/bin/echo "$place/cap-echo"
setcap cap_net_raw+ep "$place/cap-echo" || fail "cannot set file capabilities here"
cp "$probe" "$place/exec-only"
chmod 0111 "$place/exec-only"
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

# refused WHAT REGEX COMMAND...: exit 125, one line on stdout, nothing run.
refused() {
  local what="$1" regex="$2"
  shift 2
  run "$@"
  expect_eq "$RC" 125 "$what: status"
  expect_eq "$(wc -l <<<"$OUT")" 1 "$what: one line"
  expect_match "$OUT" "^smc_run: Error: $regex.*; --strict refuses to run .* without SMC\$" "$what: message"
  expect_eq "$ERR" "" "$what: stderr"
}

refused "another machine" "$place/other-machine is a 64-bit program for ELF machine 183" \
  "$place/smc_run" --strict "$place/other-machine"
run "$place/smc_run" "$place/other-machine"
expect_eq "$RC" 126 "another machine without --strict: exec's status"
expect_match "$ERR" "^smc_run: Warning: $place/other-machine is a 64-bit program for ELF machine 183" \
  "another machine without --strict: the warning"

refused "static, --mechanism preload" "$place/probe is statically linked" \
  "$place/smc_run" --strict --mechanism preload "$place/probe" exit 0
run env SMC_STRICT=1 "$place/smc_run" --mechanism preload "$place/probe" exit 0
expect_eq "$RC" 125 "static, preload, SMC_STRICT=1: status"

refused "file capabilities, as a user" "$place/cap-echo has file capabilities" \
  "${as_nobody[@]}" "$place/smc_run" --strict "$place/cap-echo" ran
run "${as_nobody[@]}" "$place/smc_run" "$place/cap-echo" ran
expect_eq "$OUT" "ran" "file capabilities without --strict: it runs"
expect_eq "$ERR" "smc_run: Warning: $place/cap-echo has file capabilities: the loader ignores LD_PRELOAD for it, so its TCP sockets stay TCP" \
  "file capabilities without --strict: one warning"

run "${as_nobody[@]}" "$place/smc_run" "$place/exec-only" status
expect_eq "$RC" 0 "exec-only, auto: status"
expect_eq "$OUT" $'NoNewPrivs:\t1\nSeccomp:\t2' "exec-only, auto: the supervisor's filter"
expect_eq "$ERR" "smc_run: Warning: $place/exec-only cannot be read by smc_run (Permission denied), so it cannot tell whether the program is statically linked: the seccomp supervisor serves it" \
  "exec-only, auto: one line"
refused "exec-only, --mechanism preload" "$place/exec-only cannot be read by smc_run \(Permission denied\)" \
  "${as_nobody[@]}" "$place/smc_run" --strict --mechanism preload "$place/exec-only" status
