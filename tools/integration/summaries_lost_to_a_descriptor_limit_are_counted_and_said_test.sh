#!/usr/bin/env bash
# The supervisor keeps a pidfd per process it serves under a summary; it
# raises its descriptor limit to the hard limit, and every process it
# still cannot keep track of is counted and said: each child's summary is
# in the file, or the count of those missing is. Forty children live at
# once under a hard limit of 24 descriptors (soft 16), so some cannot be
# tracked.
source "$(dirname "$0")/lib.sh"

children=40
tree='
import os, subprocess, sys
stdin_r, stdin_w = os.pipe()
out_r, out_w = os.pipe()
child = "import socket, sys; socket.socket(); print(1, flush=True); sys.stdin.read()"
procs = [subprocess.Popen([sys.executable, "-c", child], stdin=stdin_r, stdout=out_w)
         for _ in range(int(sys.argv[1]))]
os.close(stdin_r); os.close(out_w)
with os.fdopen(out_r) as answers:
    for _ in procs: answers.readline()  # each socket() answered, all alive
supervisor = os.environ["SMC_SECCOMP_SUPERVISOR"]
with open(f"/proc/{supervisor}/limits") as limits:
    print([l.split()[3] for l in limits if l.startswith("Max open files")][0])
os.close(stdin_w)
for p in procs: p.wait()
'
cd "$SCRATCH"
run_until_served bash -c 'ulimit -Sn 16 && ulimit -Hn 24 && exec "$@"' - \
  "$SMC_RUN" -d --mechanism seccomp --summary-file summary.json python3 -c "$tree" "$children"
expect_eq "$RC" 0 "status"
expect_eq "$OUT" 24 "the supervisor's soft descriptor limit, raised to the hard one"
said="$(grep -c 'seccomp: cannot keep track of this process: pidfd_open: EMFILE; no summary for it' <<<"$ERR" || true)"
read -r tracked untracked < <(python3 -c '
import json
rows = [json.loads(l) for l in open("summary.json")]
tracked = sum(1 for r in rows if r["program"] == "python3" and r["sockets"] == 1)
print(tracked, sum(r.get("untracked", 0) for r in rows if r["program"] == "smc_run-seccomp"))
')
expect_eq "$((tracked + untracked))" "$children" \
  "children with a summary ($tracked) and children counted as untracked ($untracked)"
expect_eq "$said" "$untracked" "-d lines naming an untracked process"
if [[ "$untracked" -gt 0 ]]; then
  expect_contains "$ERR" "summary: $untracked processes could not be tracked (out of descriptors): no summary for them" \
    "the end line"
fi
