#!/usr/bin/env bash
# --summary and --summary-file count the TCP sockets of programs the
# seccomp supervisor serves (a static program, a Go program), one JSON
# object per process under the program's own pid and name, written by the
# supervisor once the process has ended, also when a signal ended it.
# Here, without SMC, none is converted and no SMC connection is seen.
source "$(dirname "$0")/lib.sh"
kernel_has_smc && fail "this test needs a kernel without SMC (the host's)"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
go_probe="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"

# The pid smc_run execs the program with.
exec_pid() { sed -nE 's/^smc_run\[([0-9]+)\]: exec .*/\1/p' <<<"$1"; }

file="$SCRATCH/summary.json"
run_until_served "$SMC_RUN" -d --summary-file "$file" "$probe" echo
expect_eq "$RC" 0 "status of the static program"
pid="$(exec_pid "$ERR")"
run_until_served "$SMC_RUN" -d --summary-file "$file" "$go_probe" echo
expect_eq "$RC" 0 "status of the Go program"
go_pid="$(exec_pid "$ERR")"
run_until_served "$SMC_RUN" -d --summary-file "$file" "$probe" term
expect_eq "$RC" 143 "status of the program ended by SIGTERM"
term_pid="$(exec_pid "$ERR")"

none='"converted":{"IPPROTO_SMC":0,"AF_SMC":0},"connections":0,"smcd":0,"smcr":0,"tcp":0,"unknown":0,"fallback":{}}'
expect_eq "$(cat "$file")" \
  "{\"pid\":$pid,\"program\":\"seccomp_probe\",\"sockets\":2,$none
{\"pid\":$go_pid,\"program\":\"go_probe\",\"sockets\":2,$none
{\"pid\":$term_pid,\"program\":\"seccomp_probe\",\"sockets\":1,$none" \
  "one line per process, the killed one too"
python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1])]' "$file" ||
  fail "the summary file is not JSON lines"

run_until_served "$SMC_RUN" -d --summary "$probe" echo
pid="$(exec_pid "$ERR")"
expect_contains "$ERR" \
  "seccomp_probe[$pid]: smc: summary: sockets 2, converted 0 (IPPROTO_SMC 0, AF_SMC 0); connections 0: SMC-D 0, SMC-R 0, TCP fallback 0, TCP 0" \
  "the summary line on stderr"
