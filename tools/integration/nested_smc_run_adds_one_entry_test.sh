#!/usr/bin/env bash
# smc_run running smc_run (wrapper scripts do this) ends with one copy of
# our library in LD_PRELOAD and one memfd open in the program.
source "$(dirname "$0")/lib.sh"
marker="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

show='
import os
def target(fd):
    try:
        return os.readlink("/proc/self/fd/" + fd)
    except OSError:  # the descriptor listdir() itself used
        return ""
fds = [f for f in os.listdir("/proc/self/fd") if "libsmc-preload" in target(f)]
print(os.environ["LD_PRELOAD"], len(fds))
'
run env LD_PRELOAD="$marker" "$SMC_RUN" "$SMC_RUN" "$SMC_RUN" \
  python3 -c "$show"
expect_eq "$RC" 0 "exit status"
expect_match "$OUT" "^$marker:/proc/self/fd/[0-9]+ 1\$" \
  "LD_PRELOAD and memfd count after three levels"
