#!/usr/bin/env bash
# A program that starts alone under RLIMIT_NOFILE=4 starts under smc_run:
# the library's descriptor never takes the program's last free number.
# Where the hard limit leaves room, the descriptor sits at the soft limit,
# above every number the program may open, and the library is loaded;
# where it does not, the program runs without the library, and smc_run
# says so in one line.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

run prlimit --nofile=4 sh -c 'echo unharmed'
expect_eq "$OUT" "unharmed" "the program alone under a limit of 4"

run prlimit --nofile=4 "$SMC_RUN" sh -c 'echo unharmed'
expect_eq "$RC" 0 "status with soft and hard limits of 4"
expect_eq "$OUT" "unharmed" "the program with soft and hard limits of 4"
expect_eq "$ERR" "smc_run: Warning: RLIMIT_NOFILE (soft 4, hard 4) leaves no descriptor for the library beside the program's own: sh runs without it, so its TCP sockets stay TCP" \
  "the warning"

run prlimit --nofile=4:64 "$SMC_RUN" -d "$probe" child limited
expect_eq "$RC" 0 "status with a soft limit of 4 and a hard one of 64"
expect_eq "$OUT" "limited: smc" "the library in the program"
expect_contains "$ERR" "sealed memfd /proc/self/fd/4 " "the library's descriptor, at the soft limit"
expect_no_loader_errors "$ERR" "stderr"
