#!/usr/bin/env bash
# A daemon double-forks, the original process exits, and the daemon closes
# every descriptor before it execs its worker: the worker still loads the
# library (a new copy), long after smc_run's process is gone.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d python3 -c "
import os, sys
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.closerange(3, 65536)
        err = os.open('$SCRATCH/worker.err', os.O_WRONLY | os.O_CREAT)
        os.dup2(err, 2)
        os.execv(sys.executable, [sys.executable, '-c',
                 '$CHILD_SOCKET; open(\"$SCRATCH/worker.done\", \"w\")'])
    os._exit(0)
os.wait()
"
expect_eq "$RC" 0 "status of the original process"

for _ in $(seq 100); do [[ -e "$SCRATCH/worker.done" ]] && break; sleep 0.1; done
[[ -e "$SCRATCH/worker.done" ]] || fail "the daemon's worker did not finish"
worker_err="$(cat "$SCRATCH/worker.err")"
expect_no_loader_errors "$ERR$worker_err" "stderr"
expect_eq "$(decided_pids "$worker_err" | wc -l)" 1 "worker whose socket went through the library"
