#!/usr/bin/env bash
# A Go program (static, no cgo: Go makes its own system calls) has its TCP
# sockets answered by the seccomp supervisor: a TCP echo and an HTTP
# server with a client of it in one process work, 1 MiB checked byte for
# byte, while Go preempts its threads with signals.
source "$(dirname "$0")/lib.sh"
kernel_has_smc && fail "this test needs a kernel without SMC (the host's)"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
expect_contains "$(readelf -n "$probe" 2>/dev/null)" "Go" "the probe is a Go program"

run "$SMC_RUN" -d "$probe" echo
expect_eq "$RC" 0 "echo status"
expect_eq "$OUT" "echo ok" "echo"
expect_contains "$ERR" "mechanism: the seccomp supervisor, because $probe is a Go program" \
  "the mechanism"
expect_eq "$(seccomp_lines "$ERR" go_probe | grep -c \
  'socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, 0) -> TCP (its own call)$')" 2 \
  "the listener's and the client's sockets"

run "$SMC_RUN" -d "$probe" http
expect_eq "$RC" 0 "http status"
expect_eq "$OUT" "http 1048576 bytes" "http"
expect_match "$(seccomp_lines "$ERR" go_probe)" 'socket\(AF_INET.*-> TCP \(its own call\)$' \
  "the supervisor's lines"
