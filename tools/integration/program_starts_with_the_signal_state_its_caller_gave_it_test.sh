#!/usr/bin/env bash
# PROGRAM starts with the signals its caller left pending, no more: the
# supervisor's short-lived middle fork ends before PROGRAM starts, and its
# SIGCHLD must not stay pending when the caller blocks SIGCHLD. A SIGCHLD
# the caller had pending itself stays.
source "$(dirname "$0")/lib.sh"

# Blocks SIGCHLD, makes it pending first when asked (a child that ends),
# then execs ARGS: what the caller gives PROGRAM.
caller='
import os, signal, sys
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
if sys.argv[1] == "pending":
    pid = os.fork()
    if pid == 0: os._exit(0)
    os.waitpid(pid, 0)
os.execv(sys.argv[2], sys.argv[2:])
'
sigchld_bit=$((1 << (17 - 1)))  # SIGCHLD is 17 (x86, arm64, s390x)

# The SigPnd (thread) and ShdPnd (process) masks PROGRAM starts with.
pending_masks() {  # STDOUT
  sed -nE 's/^(SigPnd|ShdPnd|SigBlk):\t//p' <<<"$1" | tr '\n' ' '
}

for mechanism in seccomp auto; do
  run python3 -c "$caller" none "$SMC_RUN" -d --mechanism "$mechanism" \
    grep -E '^(SigPnd|ShdPnd|SigBlk):' /proc/self/status
  expect_eq "$RC" 0 "status ($mechanism)"
  expect_contains "$ERR" "seccomp supervisor" "a supervisor serves it ($mechanism)"
  read -r thread process blocked <<<"$(pending_masks "$OUT")"
  expect_eq "$(( 16#$blocked & sigchld_bit ))" "$sigchld_bit" "SIGCHLD still blocked ($mechanism)"
  expect_eq "$thread $process" "0000000000000000 0000000000000000" \
    "nothing pending in PROGRAM ($mechanism)"

  run python3 -c "$caller" pending "$SMC_RUN" --mechanism "$mechanism" \
    grep -E '^(SigPnd|ShdPnd|SigBlk):' /proc/self/status
  expect_eq "$RC" 0 "status, SIGCHLD pending ($mechanism)"
  read -r thread process blocked <<<"$(pending_masks "$OUT")"
  expect_eq "$(( 16#$process & sigchld_bit ))" "$sigchld_bit" \
    "the caller's own pending SIGCHLD stays ($mechanism)"
done
