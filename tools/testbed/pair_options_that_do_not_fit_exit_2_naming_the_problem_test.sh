#!/usr/bin/env bash
# --pair needs both --a and --b and nothing after --; --a and --b need
# --pair; and SMC_TESTBED_TEST_PANIC takes only N, N:A or N:B. Each misuse
# exits 2 with one line naming it, before anything boots.
source "$(dirname "$0")/usage_lib.sh"
try "--pair needs both --a 'CMD' and --b 'CMD'" --pair --a true
try "--pair needs both --a 'CMD' and --b 'CMD'" --pair
try "--a and --b need a command, not an empty string" --pair --a true --b ''
try "--pair takes its commands from --a and --b, not after -- ('true')" --pair --a true --b true -- true
try "--a and --b go with --pair" --a true -- true
try "--stock is for the single guest: the pair always loads the stock smc.ko" --pair --stock --a true --b true
try "--b needs a value (see -h)" --pair --a true --b
SMC_TESTBED_TEST_PANIC=1:C try "SMC_TESTBED_TEST_PANIC wants N, N:A or N:B (N a digit), not '1:C'" --pair --a true --b true
