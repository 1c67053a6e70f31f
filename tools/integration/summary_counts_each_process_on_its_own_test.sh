#!/usr/bin/env bash
# --summary prints one line per process that made TCP sockets, at its
# exit, with that process's own counts (a forked child does not repeat its
# parent's); --summary-file (or SMC_SUMMARY_FILE) appends the same as one
# JSON object per line; processes without TCP sockets say nothing.
source "$(dirname "$0")/lib.sh"

probe='
import os, socket
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen()
client = socket.create_connection(srv.getsockname())
conn, _ = srv.accept()
socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # not TCP: not counted
pid = os.fork()
if pid == 0:
    socket.socket()
    raise SystemExit(0)
os.waitpid(pid, 0)
'
cd "$SCRATCH"
run "$SMC_RUN" --summary --summary-file summary.json sh -c "true; python3 -c '$probe'"
expect_eq "$RC" 0 "status"
lines="$(grep -E ': smc: summary: ' <<<"$ERR" || true)"
expect_eq "$(wc -l <<<"$lines")" 2 "summary lines (parent and child; not sh)"
expect_contains "$lines" "summary: sockets 2, converted 0 (IPPROTO_SMC 0, AF_SMC 0); connections 2: SMC-D 0, SMC-R 0, TCP fallback 0, TCP 2" \
  "the parent's summary"
expect_contains "$lines" "summary: sockets 1, converted 0 (IPPROTO_SMC 0, AF_SMC 0); connections 0: SMC-D 0, SMC-R 0, TCP fallback 0, TCP 0" \
  "the child's summary"
expect_eq "$(python3 -c '
import json
rows = [json.loads(l) for l in open("summary.json")]
print(sorted((r["program"], r["sockets"], r["connections"], r["tcp"]) for r in rows))
print(len({r["pid"] for r in rows}))
')" $'[(\'python3\', 1, 0, 0), (\'python3\', 2, 2, 2)]\n2' "JSON lines"

# The variables alone, without smc_run's options, and a relative FILE
# made absolute by smc_run before the program changes its folder.
rm -f summary.json
mkdir -p elsewhere
run env SMC_SUMMARY=1 "$SMC_RUN" python3 -c 'import socket; socket.socket()'
expect_contains "$ERR" "summary: sockets 1," "SMC_SUMMARY=1"
run "$SMC_RUN" --summary-file summary.json python3 -c 'import os, socket; os.chdir("elsewhere"); socket.socket()'
expect_eq "$(python3 -c 'import json; print(json.load(open("summary.json"))["sockets"])')" 1 \
  "summary written where smc_run was started"
[[ ! -e elsewhere/summary.json ]] || fail "summary written in the program's new folder"
expect_not_contains "$ERR" "summary:" "stderr with --summary-file alone"
