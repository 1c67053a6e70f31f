#!/usr/bin/env bash
# A program whose stderr is a pipe nobody reads any more (`smc_run
# --summary prog 2>&1 | head -c1`) is not killed by SIGPIPE when the
# library writes its exit summary or a -d line there, nor is smc_run when
# it writes its own -d lines: the program ends as it would alone, and
# smc_run's own error keeps its status. The probe keeps SIGPIPE's default
# action (python would ignore it).
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

python3 - "$SMC_RUN" "$probe" >"$SCRATCH/result" <<'PY' || fail "the harness failed"
import os, subprocess, sys
smc_run, probe = sys.argv[1:3]
read_end, write_end = os.pipe()
os.close(read_end)
alone = subprocess.run([probe], stdout=subprocess.DEVNULL, stderr=write_end).returncode
print("alone", alone)
for option in ("--summary", "-d"):
    rc = subprocess.run([smc_run, option, probe], stdout=subprocess.DEVNULL,
                        stderr=write_end).returncode
    print(option, rc)
# smc_run's own error line on such a pipe: the documented status stays.
rc = subprocess.run([smc_run, "-d", "no-such-program-here"], stdout=write_end,
                    stderr=write_end).returncode
print("missing program", rc)
PY
expect_eq "$(cat "$SCRATCH/result")" $'alone 0\n--summary 0\n-d 0\nmissing program 127' "statuses"
