#!/usr/bin/env bash
# The kernel panics once the command runs (the command crashes it): run
# does not boot again, the command ran once, and run exits 125 saying the
# kernel panicked while the command ran.
source "$(dirname "$0")/test_lib.sh"
boot -q -- sh -c 'echo ran >>runs; echo c >/proc/sysrq-trigger; sleep 30'
expect_eq "$RC" 125 "exit status"
expect_match "$ERR" '^tools/testbed/run: guest kernel panicked while the command ran, after [0-9.]+ s: Kernel panic - not syncing: sysrq triggered crash$' \
  "the reason"
expect_no_match "$ERR" 'booting once more' "a retry"
expect_eq "$(cat "$WORK/runs")" ran "runs of the command"
