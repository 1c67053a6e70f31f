#!/usr/bin/env bash
# system() and popen() start their shell with libc's internal spawn, which
# no preload sees; after the program closed every descriptor, the shell's
# children still load the library.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d python3 -c "
import os
os.closerange(3, 65536)
os.system(\"/usr/bin/python3 -c '$CHILD_SOCKET'\")
print(os.popen(\"/usr/bin/python3 -c '$CHILD_SOCKET; print(7)'\").read().strip())
"
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "7" "popen's output"
expect_no_loader_errors "$ERR" "stderr"
expect_contains "$ERR" "system: the library's descriptor was closed or reused" "system diagnostic"
expect_eq "$(decided_pids "$ERR" | wc -l)" 2 "children whose socket went through the library"
