# --exclude naming the server's address keeps a Go client off SMC: the
# seccomp supervisor replaces its SMC socket at connect() by a plain TCP
# one on the same descriptor, so the SMC server sees a peer that never
# offered SMC (PEERNOSMC). (Without a filter a Go client talks SMC-D: see
# go_server_and_go_client_under_the_supervisor_use_smcd.)
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"
url="http://127.0.0.1:$PORT/hold/data"
start_probe_fetch "$SMC_RUN" -d --exclude 127.0.0.1 "$GUEST_DIR/go_probe" get "$url" got
with="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_probe_fetch
echo "$with"
cat client.err

expect_match "$with" "^$CLIENT_PID [0-9]+ tcp$" "the Go client's plain TCP socket"
expect_no_match "$with" "^$CLIENT_PID [0-9]+ smc " "SMC sockets left in the Go client"
expect_match "$with" "^$SERVER_PID [0-9]+ smc ACTIVE TCP PEERNOSMC " "the server's side"
expect_match "$(cat client.err)" \
  "^go_probe\[$CLIENT_PID\]: smc: seccomp: connect\([0-9]+, 127\.0\.0\.1:$PORT\): excluded by SMC_EXCLUDE 127\.0\.0\.1 -> TCP \(replaced the SMC socket\)$" \
  "the supervisor's filter line"
