#!/usr/bin/env bash
# --no-inherit (or SMC_INHERIT=0): a child started with an environment
# without LD_PRELOAD runs without the library, as the program asked; a
# broken entry is still mended, never handed on broken.
source "$(dirname "$0")/lib.sh"

for launcher in "$SMC_RUN -d --no-inherit" "env SMC_INHERIT=0 $SMC_RUN -d"; do
  # shellcheck disable=SC2086
  run $launcher sh -c "env -i /usr/bin/python3 -c '
import os, socket; socket.socket(); print(\"LD_PRELOAD\" in os.environ)'"
  expect_eq "$RC" 0 "status ($launcher)"
  expect_eq "$OUT" "False" "LD_PRELOAD in the child ($launcher)"
  expect_eq "$(decided_pids "$ERR" | wc -l)" 0 "children using the library ($launcher)"
  expect_no_loader_errors "$ERR" "stderr ($launcher)"
done

run "$SMC_RUN" -d --no-inherit python3 -c "
import subprocess, sys
subprocess.run([sys.executable, '-c', '$CHILD_SOCKET'], check=True)"
expect_no_loader_errors "$ERR" "stderr after close_fds"
expect_eq "$(decided_pids "$ERR" | wc -l)" 1 "child with a mended entry"
