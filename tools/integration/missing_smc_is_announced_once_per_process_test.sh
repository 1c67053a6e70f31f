#!/usr/bin/env bash
# Where the kernel has no SMC, -d says so once per process, not per socket,
# and every TCP socket still works as TCP.
source "$(dirname "$0")/lib.sh"
kernel_has_smc && fail "this test needs a kernel without SMC (the host's)"

probe='
import os, socket
for _ in range(3):
    socket.socket(); socket.socket(socket.AF_INET6)
if os.fork() == 0:
    socket.socket(); os._exit(0)
os.wait()
'
run "$SMC_RUN" -d python3 -c "$probe"
expect_eq "$RC" 0 "status"
announcements="$(grep -c 'SMC is not available here' <<<"$ERR" || true)"
expect_eq "$announcements" 1 "announcements (the forked child inherits it)"
expect_contains "$ERR" "SMC is not available here (IPPROTO_SMC: EPROTONOSUPPORT, AF_SMC: EAFNOSUPPORT); TCP sockets stay TCP" \
  "announcement text"
decisions="$(grep -cE 'socket\(AF_INET6?, SOCK_STREAM[^)]*\) = [0-9]+ -> TCP' <<<"$ERR" || true)"
expect_eq "$decisions" 7 "TCP socket decisions"
