#!/usr/bin/env bash
# Statically linked programs, glibc's and musl's, which no library
# reaches, have their TCP socket() calls answered by the seccomp
# supervisor: -d shows its lines for each call, in the program's name and
# pid, and data flows over the sockets (TCP fallback here: no SMC).
source "$(dirname "$0")/lib.sh"
kernel_has_smc && fail "this test needs a kernel without SMC (the host's)"

for probe in "$1" "$2"; do
  probe="$(cd "$(dirname "$probe")" && pwd)/$(basename "$probe")"
  name="$(basename "$probe")"  # argv[0], as the library names programs
  run "$SMC_RUN" -d "$probe" echo
  expect_eq "$RC" 0 "status of $name"
  expect_eq "$OUT" "echo ok" "data over the supervisor's answers ($name)"
  expect_contains "$ERR" "mechanism: the seccomp supervisor, because $probe is statically linked" \
    "the mechanism ($name)"
  expect_not_contains "$ERR" "Warning" "warnings ($name)"
  lines="$(seccomp_lines "$ERR" "$name")"
  pid="$(sed -nE "s/^$name\\[([0-9]+)\\].*/\\1/p" <<<"$lines" | sort -u)"
  # smc_run execs the program: the supervisor speaks for smc_run's own pid.
  expect_match "$ERR" "^smc_run\\[$pid\\]: exec " "the program's pid is smc_run's ($name)"
  expect_contains "$lines" "seccomp: socket(AF_INET, SOCK_STREAM, 0) -> TCP (its own call)" \
    "the server's socket ($name)"
  expect_contains "$lines" \
    "seccomp: socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) -> TCP (its own call)" \
    "the client's socket ($name)"
  expect_eq "$(grep -c 'socket(' <<<"$lines")" 2 "one line per TCP socket ($name)"
done
