# --exclude naming the server's address keeps a Go client off SMC: the
# seccomp supervisor replaces its SMC socket at connect() by a plain TCP
# one on the same descriptor, so the SMC server sees a peer that never
# offered SMC (PEERNOSMC); without the policy the same client talks SMC-D,
# in the same boot.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"
url="http://127.0.0.1:$PORT/hold/data"

start_probe_fetch "$SMC_RUN" "$GUEST_DIR/go_probe" get "$url" got
without="$(sockets "$CLIENT_PID")"
release_probe_fetch

start_probe_fetch "$SMC_RUN" -d --exclude 127.0.0.1 "$GUEST_DIR/go_probe" get "$url" got
with="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_probe_fetch
echo "without a policy:"; echo "$without"; echo "with --exclude 127.0.0.1:"; echo "$with"
cat client.err

expect_match "$without" "^[0-9]+ [0-9]+ smc ACTIVE SMCD " "the Go client without a policy"
expect_match "$with" "^$CLIENT_PID [0-9]+ tcp$" "the Go client's plain TCP socket"
expect_no_match "$with" "^$CLIENT_PID [0-9]+ smc " "SMC sockets left in the Go client"
expect_match "$with" "^$SERVER_PID [0-9]+ smc ACTIVE TCP PEERNOSMC " "the server's side"
expect_match "$(cat client.err)" \
  "^go_probe\[$CLIENT_PID\]: smc: seccomp: connect\([0-9]+, 127\.0\.0\.1:$PORT\): excluded by SMC_EXCLUDE 127\.0\.0\.1 -> TCP \(replaced the SMC socket\)$" \
  "the supervisor's policy line"
