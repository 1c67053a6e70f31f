#!/usr/bin/env bash
# Under -d, each connection gets one line saying what it became: after a
# blocking connect(), after accept(), and for a non-blocking connect when
# the program reads SO_ERROR. On this host (no SMC) they are plain TCP;
# the SMC-D and fallback outcomes are checked in the guest suites. UNIX
# sockets get no line. Without -d the hooks say nothing.
source "$(dirname "$0")/lib.sh"
kernel_has_smc && fail "this test needs a kernel without SMC (the host's)"

probe='
import select, socket
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen()
port = srv.getsockname()[1]
print("port", port)
blocking = socket.create_connection(("127.0.0.1", port))
conn, _ = srv.accept()
nb = socket.socket(); nb.setblocking(False)
try:
    nb.connect(("127.0.0.1", port))
except BlockingIOError:
    pass
select.select([], [nb], [], 5)
assert nb.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
a, b = socket.socketpair()
print("done")
'
run "$SMC_RUN" -d python3 -c "$probe"
expect_eq "$RC" 0 "status"
port="$(sed -n 's/^port //p' <<<"$OUT")"
expect_match "$ERR" "^python3\[[0-9]+\]: smc: connect\([0-9]+\) to 127\.0\.0\.1:$port: TCP \(not an SMC socket\)$" \
  "blocking connect"
expect_match "$ERR" "^python3\[[0-9]+\]: smc: accept\([0-9]+\) = [0-9]+ from 127\.0\.0\.1:[0-9]+: TCP \(not an SMC socket\)$" \
  "accept"
expect_match "$ERR" "^python3\[[0-9]+\]: smc: connect\([0-9]+\) completed to 127\.0\.0\.1:$port: TCP \(not an SMC socket\)$" \
  "non-blocking connect, at SO_ERROR"
expect_eq "$(grep -cE ': smc: (connect|accept)\(' <<<"$ERR")" 3 "outcome lines"

run "$SMC_RUN" python3 -c "$probe"
expect_eq "$ERR" "" "stderr without -d"
