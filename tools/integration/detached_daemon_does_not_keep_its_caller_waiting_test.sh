#!/usr/bin/env bash
# Under --summary or -d, a program that detaches (daemon(0, 0), which puts
# /dev/null on its stdin, stdout and stderr) and then lives on does not
# keep the pipe of its caller open: `x=$(smc_run --summary prog 2>&1)`
# returns when the original process exits. The library holds no copy of
# stderr.
source "$(dirname "$0")/lib.sh"

python3 - "$SMC_RUN" "$SCRATCH" >"$SCRATCH/result" <<'PY' || fail "the harness failed"
import os, select, subprocess, sys
smc_run, scratch = sys.argv[1:3]
program = '''
import ctypes, os, socket, sys, time
socket.socket()
ctypes.CDLL(None).daemon(0, 0)
socket.socket()
while not os.path.exists(sys.argv[1]):
    time.sleep(0.05)
'''
for option in ("--summary", "-d"):
    release = os.path.join(scratch, "release" + option)
    p = subprocess.Popen([smc_run, option, "python3", "-c", program, release],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    p.wait()
    fd = p.stdout.fileno()
    result = "held"
    # EOF once no process holds the pipe; 20 s is a bound, not a measure.
    while select.select([fd], [], [], 20)[0]:
        if not os.read(fd, 65536):
            result = "released"
            break
    open(release, "w").close()
    print(option, result, p.returncode)
PY
expect_eq "$(cat "$SCRATCH/result")" $'--summary released 0\n-d released 0' "the caller's pipe"
