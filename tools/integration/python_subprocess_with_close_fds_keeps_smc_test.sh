#!/usr/bin/env bash
# Python's subprocess closes every inherited descriptor (close_fds=True,
# its default), the library's memfd among them: the child still loads the
# library, from a new copy, and nothing complains.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d python3 -c "
import subprocess, sys
subprocess.run([sys.executable, '-c', '$CHILD_SOCKET'], check=True)
subprocess.run([sys.executable, '-c', '$CHILD_SOCKET'], check=True, close_fds=False)
"
expect_eq "$RC" 0 "status"
expect_no_loader_errors "$ERR" "stderr"
expect_eq "$(decided_pids "$ERR" | wc -l)" 2 "children whose socket went through the library"
expect_contains "$ERR" "the library's descriptor was closed or reused; the child gets a new copy at /proc/self/fd/" \
  "diagnostic of the mend"
