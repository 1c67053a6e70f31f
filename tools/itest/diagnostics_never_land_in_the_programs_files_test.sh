#!/usr/bin/env bash
# The library writes only to what it owns: under -d, a program that closes
# its stderr and opens a file that lands on fd 2 (as daemons do) finds no
# diagnostics in that file; they go to the stderr smc_run was given.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d python3 -c "
import os, socket
os.close(2)
log = open('$SCRATCH/program.log', 'w')
assert log.fileno() == 2
socket.socket()
log.write('program line\\n')
log.close()
"
expect_eq "$RC" 0 "status"
expect_eq "$(cat "$SCRATCH/program.log")" "program line" "the program's own file"
expect_match "$ERR" 'python3\[[0-9]+\]: smc: socket\(AF_INET, SOCK_STREAM' \
  "the diagnostic, on the stderr smc_run was given"
