#!/usr/bin/env bash
# 64 threads of a static program, released together, each make their
# first TCP socket: the supervisor answers every notification, none is
# lost or left hanging, all 64 sockets are made.
# Each for a static glibc, a static musl and a Go program.
source "$(dirname "$0")/lib.sh"
for probe in "$@"; do
  probe="$(cd "$(dirname "$probe")" && pwd)/$(basename "$probe")"
  name="$(basename "$probe")"
  for debug in 0 1; do
    run env SMC_DEBUG=$debug "$SMC_RUN" "$probe" threads
    expect_eq "$RC" 0 "status with SMC_DEBUG=$debug ($name)"
    expect_eq "$OUT" "64 of 64 sockets" "sockets with SMC_DEBUG=$debug ($name)"
  done
  expect_eq "$(seccomp_lines "$ERR" "$name" | grep -c 'socket(AF_INET, SOCK_STREAM, 0)')" 64 \
    "one answer per thread ($name)"
done
