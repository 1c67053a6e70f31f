#!/usr/bin/env bash
# The summary file, from --summary-file or SMC_SUMMARY_FILE, must be a
# regular file or a new one. smc_run refuses anything else in one line
# before PROGRAM runs (a FIFO with no reader never hangs it), and makes a
# relative SMC_SUMMARY_FILE absolute, as it does --summary-file's FILE.
# The library alone skips such a file at exit, with a -d line, and never
# hangs the program there; it makes a relative one absolute at load.
source "$(dirname "$0")/lib.sh"
lib="$SCRATCH/libsmc-preload.so"
"$SMC_RUN" --write-lib "$lib"
mkfifo "$SCRATCH/fifo"
socket_probe='import socket; socket.socket(); print("unharmed")'

run timeout 20 "$SMC_RUN" --summary-file "$SCRATCH/fifo" true
expect_eq "$RC" 1 "status for a FIFO"
expect_eq "$OUT" "smc_run: Error: --summary-file '$SCRATCH/fifo' is a FIFO, not a regular file" "message for a FIFO"

run timeout 20 env SMC_SUMMARY_FILE="$SCRATCH/fifo" "$SMC_RUN" true
expect_eq "$RC" 1 "status for a FIFO in SMC_SUMMARY_FILE"
expect_eq "$OUT" "smc_run: Error: SMC_SUMMARY_FILE '$SCRATCH/fifo' in the environment is a FIFO, not a regular file" \
  "message for a FIFO in SMC_SUMMARY_FILE"

run "$SMC_RUN" --summary-file /dev/null true
expect_eq "$RC" 1 "status for a device"
expect_eq "$OUT" "smc_run: Error: --summary-file '/dev/null' is a character device, not a regular file" "message for a device"

run "$SMC_RUN" --summary-file "$SCRATCH" true
expect_eq "$RC" 1 "status for a folder"
expect_eq "$OUT" "smc_run: Error: --summary-file '$SCRATCH' is a folder, not a regular file" "message for a folder"

mkdir "$SCRATCH/here" "$SCRATCH/elsewhere"
cd "$SCRATCH/here"
run env SMC_SUMMARY_FILE=relative.json "$SMC_RUN" python3 -c "
import os, socket
os.chdir('$SCRATCH/elsewhere')
socket.socket()"
cd "$SCRATCH"
expect_eq "$RC" 0 "status with a relative SMC_SUMMARY_FILE"
[[ -s "$SCRATCH/here/relative.json" ]] || fail "no summary in the folder smc_run started in"
[[ ! -e "$SCRATCH/elsewhere/relative.json" ]] || fail "the summary followed the program's chdir"

# The library alone makes a relative SMC_SUMMARY_FILE absolute at load too.
cd "$SCRATCH/here"
run env LD_PRELOAD="$lib" SMC_SUMMARY_FILE=alone.json python3 -c "
import os, socket
os.chdir('$SCRATCH/elsewhere')
socket.socket()"
cd "$SCRATCH"
expect_eq "$RC" 0 "status of the library alone with a relative SMC_SUMMARY_FILE"
[[ -s "$SCRATCH/here/alone.json" ]] || fail "no summary in the folder the program started in"
[[ ! -e "$SCRATCH/elsewhere/alone.json" ]] || fail "the library's summary followed the program's chdir"

run timeout 20 env LD_PRELOAD="$lib" SMC_SUMMARY_FILE="$SCRATCH/fifo" SMC_DEBUG=1 python3 -c "$socket_probe"
expect_eq "$RC" 0 "status of the library alone with a FIFO"
expect_eq "$OUT" "unharmed" "the program"
expect_match "$ERR" "smc: cannot write the summary to $SCRATCH/fifo: a FIFO, not a regular file" "the library's -d line"
