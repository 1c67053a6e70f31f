#!/usr/bin/env bash
# A 32-bit x86 program on x86_64, which the 64-bit library cannot load
# into, goes to the seccomp supervisor under auto: -n and -d say so and
# give it no LD_PRELOAD. Its glibc makes every socket call through
# socketcall(2): the supervisor reads the arguments from the program and
# answers them (TCP fallback here: no SMC), -d shows each, the summary
# counts them, and --strict fails them as it fails a 64-bit program's.
# Arguments: smc_run, the static and the dynamic i386 probe.
source "$(dirname "$0")/lib.sh"
kernel_has_smc && fail "this test needs a kernel without SMC (the host's)"
[[ "$(uname -m)" == x86_64 ]] || fail "this test needs an x86_64 host"
static="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
dynamic="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
skip_unless_runs_32_bit_x86 "$static"

# -n: the plan, for both; no library for either.
for probe in "$static" "$dynamic"; do
  run "$SMC_RUN" -n "$probe" echo
  expect_eq "$RC" 0 "-n status ($(basename "$probe"))"
  expect_contains "$OUT" "mechanism: the seccomp supervisor, because $probe is a 32-bit program" \
    "-n names the supervisor and why ($(basename "$probe"))"
  expect_not_contains "$OUT" "LD_PRELOAD" "-n gives no library ($(basename "$probe"))"
done

# A run of each: the echo works over the answered sockets, and -d shows
# them. (The dynamic one's loader is the cross one, named in its file.)
for probe in "$static" "$dynamic"; do
  name="$(basename "$probe")"
  run "$SMC_RUN" -d "$probe" echo
  expect_eq "$RC" 0 "status ($name)"
  expect_eq "$OUT" "echo ok" "data over the supervisor's answers ($name)"
  expect_contains "$ERR" "mechanism: the seccomp supervisor, because $probe is a 32-bit program for ELF machine 3, which the 64-bit library cannot load into" \
    "-d names the supervisor and why ($name)"
  expect_not_contains "$ERR" "Warning" "warnings ($name)"
  expect_not_contains "$ERR" "LD_PRELOAD=" "no library ($name)"
  lines="$(seccomp_lines "$ERR" "$name")"
  expect_contains "$lines" "seccomp: socket(AF_INET, SOCK_STREAM, 0) -> TCP (its own call)" \
    "the server's socket, read from socketcall's block ($name)"
  expect_contains "$lines" \
    "seccomp: socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) -> TCP (its own call)" \
    "the client's socket, read from socketcall's block ($name)"
  expect_eq "$(grep -c 'socket(' <<<"$lines")" 2 "one line per TCP socket ($name)"
done

name="$(basename "$static")"
# The summary counts what the supervisor answered for it.
run_until_served "$SMC_RUN" -d --summary "$static" echo
expect_eq "$RC" 0 "status with --summary"
expect_match "$ERR" "^$name\\[[0-9]+\\]: smc: summary: sockets 2, converted 0 " \
  "the summary counts the two TCP sockets"

# --strict: no TCP fallback for its TCP sockets, as for any program; the
# other calls are untouched.
run "$SMC_RUN" -d --strict "$static" errno
expect_eq "$RC" 0 "status with --strict"
expect_contains "$OUT" "tcp4 failed errno=97" "strict fails a TCP socket (EAFNOSUPPORT)"
expect_contains "$OUT" "udp4 made" "UDP is not ours"
expect_match "$ERR" "$name\\[[0-9]+\\]: smc: seccomp: socket\\(AF_INET, SOCK_STREAM, 0\\) -> .*\\(strict: no TCP fallback\\)" \
  "-d says the supervisor failed it"
