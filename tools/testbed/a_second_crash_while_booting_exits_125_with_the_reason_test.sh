#!/usr/bin/env bash
# Both boots panic: run retries once, then exits 125 naming the kernel's
# panic, and the command never ran.
source "$(dirname "$0")/test_lib.sh"
SMC_TESTBED_TEST_PANIC=2 boot -q -- sh -c 'echo ran >>runs'
expect_eq "$RC" 125 "exit status when the retry crashes too"
expect_eq "$(count_lines "$ERR" '^testbed: guest crashed while booting .*; booting once more$')" 1 \
  "lines saying the boot is retried"
expect_match "$ERR" '^tools/testbed/run: guest crashed while booting, again on the retry, after [0-9.]+ s: Kernel panic - not syncing: sysrq triggered crash$' \
  "the reason"
[[ ! -e "$WORK/runs" ]] || fail "the command ran: $(cat "$WORK/runs")"
