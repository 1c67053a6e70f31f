#!/usr/bin/env bash
# 64 threads of a static program, released together, each make their
# first TCP socket: the supervisor answers every notification, none is
# lost or left hanging, all 64 sockets are made.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

for debug in 0 1; do
  run env SMC_DEBUG=$debug "$SMC_RUN" "$probe" threads
  expect_eq "$RC" 0 "status with SMC_DEBUG=$debug"
  expect_eq "$OUT" "64 of 64 sockets" "sockets with SMC_DEBUG=$debug"
done
expect_eq "$(seccomp_lines "$ERR" seccomp_probe | grep -c 'socket(AF_INET, SOCK_STREAM, 0)')" 64 \
  "one answer per thread"
