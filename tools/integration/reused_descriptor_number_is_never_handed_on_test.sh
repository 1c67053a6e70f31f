#!/usr/bin/env bash
# A program closes the library's descriptor and opens something else on
# the same number: the child is not pointed at that file (which ld.so would
# try to load), but at a new copy of the library.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d python3 -c "
import os, sys
fd = int(os.environ['LD_PRELOAD'].rsplit('/', 1)[1])
os.close(fd)
other = os.open('/etc/hostname', os.O_RDONLY)
os.dup2(other, fd, inheritable=True)
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, '-c',
             'import os; print(os.environ[\"LD_PRELOAD\"] != \"/proc/self/fd/%d\" % ' + str(fd) + '); $CHILD_SOCKET'])
os.waitpid(pid, 0)
"
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "True" "the child's entry moved off the reused number"
expect_no_loader_errors "$ERR" "stderr"
expect_eq "$(decided_pids "$ERR" | wc -l)" 1 "child whose socket went through the library"
