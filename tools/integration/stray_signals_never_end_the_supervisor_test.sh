#!/usr/bin/env bash
# Signals a terminal, a group kill, a limit or a stray kill may send do
# not end the supervisor: once it is gone, every later TCP socket() in the
# tree would fail with ENOSYS. Each is sent to it, then PROGRAM still gets
# its TCP socket.
source "$(dirname "$0")/lib.sh"

signals="HUP INT QUIT TERM PIPE TSTP TTIN TTOU USR1 USR2 ALRM URG XFSZ XCPU VTALRM PROF IO PWR STKFLT"
probe='
import os, signal, socket, sys
supervisor = int(os.environ["SMC_SECCOMP_SUPERVISOR"])
for name in sys.argv[1].split():
    os.kill(supervisor, getattr(signal, "SIG" + name))
# A signal that ends it marks it for exit within kill(); its listener
# closes as it exits, and socket() then fails with ENOSYS.
try:
    socket.socket()
    print("socket")
except OSError as e:
    print("socket failed:", os.strerror(e.errno))
try:
    with open(f"/proc/{supervisor}/status") as status:
        state = [l.split()[1] for l in status if l.startswith("State:")][0]
except FileNotFoundError:
    state = "X"
print("stopped or gone" if state in "TtZX" else "alive")
'
run "$SMC_RUN" --mechanism seccomp python3 -c "$probe" "$signals"
expect_eq "$RC" 0 "status"
expect_eq "$OUT" $'socket\nalive' "PROGRAM's socket() after the signals, and the supervisor"
