#!/usr/bin/env bash
# --pair needs both --a and --b and nothing after --; --a and --b need
# --pair; and SMC_TESTBED_TEST_PANIC takes only N, N:A or N:B. Each misuse
# exits 2 with one line naming it, before anything boots.
set -euo pipefail
source "$(dirname "$0")/../support/expect.sh"
run="$1"
try() { # EXPECTED-LINE ARGS...: run exits 2 with that line on stderr
  local want="$1" rc=0 err
  shift
  err="$("$run" "$@" 2>&1 >/dev/null)" || rc=$?
  expect_eq "$rc" 2 "exit status of run $*"
  expect_eq "$err" "tools/testbed/run: $want" "message of run $*"
}
try "--pair needs both --a 'CMD' and --b 'CMD'" --pair --a true
try "--pair needs both --a 'CMD' and --b 'CMD'" --pair
try "--a and --b need a command, not an empty string" --pair --a true --b ''
try "--pair takes its commands from --a and --b, not after -- ('true')" --pair --a true --b true -- true
try "--a and --b go with --pair" --a true -- true
try "--stock is for the single guest: the pair always loads the stock smc.ko" --pair --stock --a true --b true
try "--b needs a value (see -h)" --pair --a true --b
SMC_TESTBED_TEST_PANIC=1:C try "SMC_TESTBED_TEST_PANIC wants N, N:A or N:B (N a digit), not '1:C'" --pair --a true --b true
