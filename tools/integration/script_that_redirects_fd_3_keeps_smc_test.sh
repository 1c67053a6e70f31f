#!/usr/bin/env bash
# A shell script that reuses low descriptors (exec 3>file ... 9>file) before
# starting a program still hands the library on: the memfd sits high.
source "$(dirname "$0")/lib.sh"

cat >"$SCRATCH/wrapper.sh" <<'SCRIPT'
#!/bin/sh
exec 3>"$1/three" 4>"$1/four" 5>&3 9>"$1/nine"
exec python3 -c 'import socket; socket.socket()'
SCRIPT
chmod 755 "$SCRATCH/wrapper.sh"

run "$SMC_RUN" -d "$SCRATCH/wrapper.sh" "$SCRATCH"
expect_eq "$RC" 0 "status"
expect_not_contains "$ERR" "cannot be preloaded" "loader errors"
expect_match "$ERR" "python3\[[0-9]+\]: smc: socket\(AF_INET, SOCK_STREAM[^)]*\) = [0-9]+ $(converted_as)" \
  "socket decision in the script's program"
