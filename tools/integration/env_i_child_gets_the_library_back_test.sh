#!/usr/bin/env bash
# env -i starts its program with an empty environment; the library gives
# it LD_PRELOAD and the SMC settings back, so the child uses SMC (and here
# the restored SMC_DEBUG shows it).
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d -r 64k sh -c "env -i /usr/bin/python3 -c '
import os, socket
s = socket.socket()
print(os.environ.get(\"SMC_RCVBUF\"), s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
'"
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "65536 131072" "restored SMC_RCVBUF and its effect in the child"
expect_no_loader_errors "$ERR" "stderr"
expect_contains "$ERR" "execvp: LD_PRELOAD and SMC settings restored for the child" "diagnostic"
expect_eq "$(decided_pids "$ERR" | wc -l)" 1 "child whose socket went through the library"
