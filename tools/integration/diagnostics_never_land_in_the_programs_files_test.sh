#!/usr/bin/env bash
# The library writes only to what it was given: under -d, a program that
# closes its stderr and opens a file that lands on fd 2 (as daemons do)
# finds no diagnostics in that file. Lines go to fd 2 while it is the
# stderr smc_run was given, and are dropped once the program put something
# else there (the library keeps no copy of stderr, which would hold the
# caller's pipe open: see detached_daemon_does_not_keep_its_caller_waiting).
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d python3 -c "
import os, socket
socket.socket()
os.close(2)
log = open('$SCRATCH/program.log', 'w')
assert log.fileno() == 2
socket.socket(socket.AF_INET6)
log.write('program line\\n')
log.close()
"
expect_eq "$RC" 0 "status"
expect_eq "$(cat "$SCRATCH/program.log")" "program line" "the program's own file"
expect_match "$ERR" 'python3\[[0-9]+\]: smc: socket\(AF_INET, SOCK_STREAM' \
  "the diagnostic before the program replaced its stderr"
expect_not_contains "$ERR" "smc: socket(AF_INET6" "a diagnostic after the program replaced its stderr"
