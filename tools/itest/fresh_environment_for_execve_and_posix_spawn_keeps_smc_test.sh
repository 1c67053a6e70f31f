#!/usr/bin/env bash
# A program that builds its children's environment from scratch, without
# LD_PRELOAD, for execve or posix_spawn: the children get it back.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d python3 -c "
import os, sys
child = [sys.executable, '-c', '$CHILD_SOCKET']
pid = os.posix_spawn(sys.executable, child, {'PATH': '/usr/bin:/bin'})
os.waitpid(pid, 0)
pid = os.fork()
if pid == 0:
    os.execve(sys.executable, child, {})
os.waitpid(pid, 0)
"
expect_eq "$RC" 0 "status"
expect_no_loader_errors "$ERR" "stderr"
expect_contains "$ERR" "posix_spawn: LD_PRELOAD and SMC settings restored" "posix_spawn diagnostic"
expect_contains "$ERR" "execve: LD_PRELOAD and SMC settings restored" "execve diagnostic"
expect_eq "$(decided_pids "$ERR" | wc -l)" 2 "children whose socket went through the library"
