#!/usr/bin/env bash
# --mechanism (or SMC_MECHANISM) chooses how PROGRAM is reached, and -n
# says which and why: auto serves a static program with the supervisor
# and, as root, a dynamic one with the library and the supervisor under
# it; preload is the library alone (a static program is warned about);
# seccomp is the supervisor alone. Bad values exit 1 naming the value.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ "$(id -u)" == 0 ]] || fail "this test expects root (CAP_SYS_ADMIN), as CI runs it"

run "$SMC_RUN" -n "$probe" echo
expect_contains "$OUT" "mechanism: the seccomp supervisor, because $probe is statically linked" \
  "auto, static"
expect_contains "$OUT" "would start a seccomp supervisor" "auto, static: the supervisor"
expect_not_contains "$OUT" "no_new_privs" "auto as root: no no_new_privs"

run "$SMC_RUN" -n true
expect_contains "$OUT" \
  "mechanism: the preload library, and the seccomp supervisor as a net under it" "auto, dynamic"
expect_match "$OUT" "would set LD_PRELOAD=" "auto, dynamic: the library"

for how in "--mechanism preload" "env:preload"; do
  case "$how" in
    env:*) cmd=(env SMC_MECHANISM="${how#env:}" "$SMC_RUN") ;;
    *) cmd=("$SMC_RUN" $how) ;;
  esac
  run "${cmd[@]}" -n "$probe" echo
  expect_contains "$OUT" "mechanism: the preload library (--mechanism preload)" "preload ($how)"
  expect_match "$OUT" "^warning: $probe is statically linked" "preload warning ($how)"
  expect_not_contains "$OUT" "would start a seccomp supervisor" "no supervisor ($how)"
done

run "$SMC_RUN" -n --mechanism seccomp true
expect_contains "$OUT" "mechanism: the seccomp supervisor (--mechanism seccomp)" "seccomp"
expect_not_contains "$OUT" "LD_PRELOAD" "seccomp: no library"

# And as it runs: the library alone leaves a static program's sockets to itself.
run "$SMC_RUN" -d --mechanism preload "$probe" echo
expect_eq "$OUT" "echo ok" "the static program under the library alone"
expect_eq "$(seccomp_lines "$ERR" seccomp_probe)" "" "no supervisor lines with preload"
run "$SMC_RUN" -d --mechanism seccomp python3 -c 'import socket; socket.socket(); print("ok")'
expect_eq "$OUT" "ok" "python3 under the supervisor alone"
expect_contains "$(seccomp_lines "$ERR" python3)" "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, 0)" \
  "python3's socket answered by the supervisor"
expect_not_contains "$ERR" "libsmc-preload loaded" "no library with seccomp"

run "$SMC_RUN" --mechanism ptrace true
expect_eq "$RC" 1 "status for a bad --mechanism"
expect_eq "$OUT" \
  "smc_run: Error: invalid MECHANISM 'ptrace' for --mechanism (use preload, seccomp, bpf or auto)" \
  "bad --mechanism"
run env SMC_MECHANISM=both "$SMC_RUN" true
expect_eq "$RC" 1 "status for a bad SMC_MECHANISM"
expect_eq "$OUT" \
  "smc_run: Error: invalid SMC_MECHANISM 'both' in the environment (use preload, seccomp, bpf or auto)" \
  "bad SMC_MECHANISM"
