#!/usr/bin/env bash
# The guest's first boot panics (the test hook crashes it through sysrq
# before the command): run says so on stderr, boots once more, and the
# command then runs exactly once, its output and exit status passed on.
source "$(dirname "$0")/test_lib.sh"
SMC_TESTBED_TEST_PANIC=1 boot -q -- sh -c 'echo ran >>runs; echo out; exit 3'
expect_eq "$RC" 3 "exit status after the retried boot"
expect_eq "$OUT" out "the command's stdout"
expect_eq "$(count_lines "$ERR" '^testbed: guest crashed while booting \(Kernel panic - not syncing: sysrq triggered crash\); booting once more$')" 1 \
  "lines saying the boot is retried"
expect_eq "$(cat "$WORK/runs")" ran "runs of the command"
