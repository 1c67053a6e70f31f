#!/usr/bin/env bash
# Guest A of the pair panics on the first boot: run says so, boots both
# guests again, and each command then runs exactly once. Their statuses
# combine as documented: A's 0 and B's 5 give 5, and both are reported.
source "$(dirname "$0")/test_lib.sh"
SMC_TESTBED_TEST_PANIC=1:A boot -q --pair \
  --a 'echo A >>runs.A; echo "from $SMC_TESTBED_HOST"' \
  --b 'echo B >>runs.B; echo "from $SMC_TESTBED_HOST" >&2; exit 5'
expect_eq "$RC" 5 "exit status of the pair (A 0, B 5)"
expect_eq "$(count_lines "$ERR" '^testbed: guest A crashed while booting \(Kernel panic - not syncing: sysrq triggered crash\); booting once more$')" 1 \
  "lines saying the pair boots again"
expect_eq "$OUT" "[A] from A" "A's stdout, marked"
expect_match "$ERR" '^\[B\] from B$' "B's stderr, marked"
expect_match "$ERR" "^testbed: guests ran [0-9.]+ s \(qemu start to power-off\), A's command exit status 0, B's 5$" \
  "both statuses reported"
expect_eq "$(cat "$WORK/runs.A") $(cat "$WORK/runs.B")" "A B" "runs of the commands"
