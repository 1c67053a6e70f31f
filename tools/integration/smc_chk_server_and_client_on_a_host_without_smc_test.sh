#!/usr/bin/env bash
# smc_chk's cross-host modes on this machine, whose kernel has no SMC:
# -S says it serves plain TCP, announces its port (the next free one when
# the first is taken), echoes what a client sends and names each
# connection's mode, and SIGTERM stops it with status 0; -C to it names
# the live connection it could not make and exits 2. Where the kernel has
# SMC, -S and -C to each other over 127.0.0.1 agree with the verdict.
source "$(dirname "$0")/lib.sh"

# Take a port so that -S has to move to the next one.
python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 0)); s.listen(1)
print(s.getsockname()[1], flush=True); time.sleep(60)' >"$SCRATCH/taken" &
holder=$!
wait_for "$SCRATCH/taken" '^[0-9]+$'
taken="$(cat "$SCRATCH/taken")"

"$SMC_RUN" --role smc_chk -S -p "$taken" >"$SCRATCH/server.out" 2>"$SCRATCH/server.err" &
server=$!
wait_for "$SCRATCH/server.out" '^Server started on port [0-9]+$'
port="$(awk '/^Server started/ {print $5}' "$SCRATCH/server.out")"
expect_eq "$port" "$((taken + 1))" "the server's port: the next free one"
kill "$holder"

# A plain TCP client gets its bytes echoed.
echoed="$(python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
data = bytes(range(256)) * 64
s.sendall(data); s.shutdown(socket.SHUT_WR)
got = b""
while len(got) < len(data):
    chunk = s.recv(65536)
    if not chunk: break
    got += chunk
print("intact" if got == data else "different: %d bytes" % len(got))' "$port")"
expect_eq "$echoed" "intact" "what the server echoed"

run "$SMC_RUN" --role smc_chk -C 127.0.0.1 -p "$port"
echo "$OUT"
verdict="$(tail -n 1 <<<"$OUT")"
expect_match "$OUT" '^live connection +(ok|fail)  ' "the live connection check"
expect_no_match "$OUT" '^live loopback' "no loopback test with -C"
if kernel_has_smc; then
  [[ "$verdict" == "verdict: SMC-"[DR]" is used: the test connection to 127.0.0.1:$port ran on "* ]] &&
    expect_eq "$RC" 0 "status with SMC used" || expect_eq "$RC" 2 "status with SMC not used"
else
  expect_eq "$RC" 2 "status of -C on a kernel without SMC"
  expect_match "$OUT" '^live connection +fail  not run: AF_SMC sockets cannot be made$' "-C's live test"
  expect_match "$verdict" '^verdict: SMC is not used: ' "-C's verdict"
fi
run "$SMC_RUN" --role smc_chk -q -C 127.0.0.1 -p "$port"
expect_eq "$OUT" "$verdict" "-q prints the verdict alone"

kill -TERM "$server"
wait "$server"
expect_eq "$?" 0 "status of -S after SIGTERM"
cat "$SCRATCH/server.out"
expect_eq "$(cat "$SCRATCH/server.err")" "" "the server's stderr"
if ! kernel_has_smc; then
  expect_match "$(head -n 1 "$SCRATCH/server.out")" \
    '^This host cannot make AF_SMC sockets: EAFNOSUPPORT \(.*\); serving plain TCP, so clients will fall back with PEERNOSMC$' \
    "the server's first line"
  expect_match "$(cat "$SCRATCH/server.out")" '^connection from 127\.0\.0\.1:[0-9]+: TCP \(this host has no SMC\)$' \
    "the server's line for the plain client"
fi
expect_match "$(tail -n 1 "$SCRATCH/server.out")" '^Server stopped after [0-9]+ connections?$' "the last line"
