#!/usr/bin/env bash
# Where seccomp(2) is refused (as container profiles may: EPERM or
# ENOSYS), one warning names the reason and the program runs as before;
# --strict makes smc_run exit 125 instead; a dynamic program keeps the
# library and no warning.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
deny="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"

run "$deny" 1 "$SMC_RUN" "$probe" echo
expect_eq "$RC" 0 "status where seccomp is refused (EPERM)"
expect_eq "$OUT" "echo ok" "the program ran"
expect_eq "$ERR" "smc_run: Warning: $probe is statically linked, so the library cannot reach it, and seccomp(2) is refused here (EPERM: a container's seccomp profile or a security module forbids it): its TCP sockets stay TCP" \
  "one line, with the reason"

run "$deny" 1 "$SMC_RUN" --mechanism seccomp "$probe" echo
expect_eq "$RC" 0 "status with --mechanism seccomp"
expect_eq "$ERR" "smc_run: Warning: seccomp(2) is refused here (EPERM: a container's seccomp profile or a security module forbids it): the seccomp supervisor cannot serve $probe, so its TCP sockets stay TCP" \
  "one line with --mechanism seccomp"

run "$deny" 38 "$SMC_RUN" "$probe" echo
expect_eq "$RC" 0 "status where seccomp is hidden (ENOSYS)"
expect_contains "$ERR" "seccomp(2) is not available here (ENOSYS" "the reason for ENOSYS"

run "$deny" 1 "$SMC_RUN" --strict "$probe" echo
expect_eq "$RC" 125 "status under --strict"
expect_eq "$OUT" "smc_run: Error: seccomp(2) is refused here (EPERM: a container's seccomp profile or a security module forbids it); --strict refuses to run $probe without SMC" \
  "the error under --strict"
expect_eq "$ERR" "" "no warning besides the error"

run "$deny" 1 "$SMC_RUN" -d python3 -c 'print("ok")'
expect_eq "$OUT" "ok" "a dynamic program"
expect_not_contains "$ERR" "Warning" "no warning for a program the library serves"
expect_contains "$ERR" "mechanism: the preload library; no seccomp net under it" "said under -d"
