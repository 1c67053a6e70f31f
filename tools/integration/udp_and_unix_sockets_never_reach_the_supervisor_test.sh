#!/usr/bin/env bash
# Only TCP socket() calls go to the seccomp supervisor: UDP, UNIX stream
# and datagram sockets and socket pairs of a static C program and of a Go
# program are made by the kernel alone. Every call the supervisor answers
# has a -d line, so their absence says none was sent to it.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
go_probe="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"

run "$SMC_RUN" -d "$probe" others
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "udp 1 unix 1 1 pair 1" "the sockets"
expect_contains "$ERR" "seccomp supervisor" "the supervisor was started"
expect_eq "$(seccomp_lines "$ERR" seccomp_probe)" "" "supervisor lines for the C program"

run "$SMC_RUN" -d "$go_probe" others
expect_eq "$RC" 0 "Go status"
expect_eq "$OUT" "udp and unix ok" "the Go sockets"
expect_eq "$(seccomp_lines "$ERR" go_probe)" "" "supervisor lines for the Go program"
