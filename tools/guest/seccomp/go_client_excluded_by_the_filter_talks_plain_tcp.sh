# --exclude naming the server's address keeps a Go client off SMC: the
# seccomp supervisor replaces its SMC socket at connect() by a plain TCP
# one on the same descriptor, as the kernel says of the descriptor the
# supervisor's line names, so the SMC server sees a peer that never
# offered SMC (PEERNOSMC). (Without a filter a Go client talks SMC-D: see
# go_server_and_go_client_under_the_supervisor_use_smcd.)
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"
fetch_held client "$SMC_RUN" -d --exclude 127.0.0.1 "$GUEST_DIR/go_probe" get "$(held_url 127.0.0.1)" client.got
with="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
line="$(grep -E "^go_probe\[$CLIENT_PID\]: smc: seccomp: connect\(" client.err || true)"
named="$(socket_named_by "$CLIENT_PID" "$line" 'connect\(([0-9]+),')"
release_fetches
echo "$with"
cat client.err; echo "the line's descriptor: $named"

expect_match "$with" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:[0-9]+ 127\.0\.0\.1:$PORT$" "the Go client's plain TCP socket"
expect_no_match "$with" "^$CLIENT_PID [0-9]+ smc " "SMC sockets left in the Go client"
expect_match "$with" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE " "the server's side"
expect_match "$line" \
  "^go_probe\[$CLIENT_PID\]: smc: seccomp: connect\([0-9]+, 127\.0\.0\.1:$PORT\): excluded by SMC_EXCLUDE 127\.0\.0\.1 -> TCP \(replaced the SMC socket\)$" \
  "the supervisor's filter line"
expect_match "$named" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:[0-9]+ 127\.0\.0\.1:$PORT$" \
  "the socket on the descriptor the filter line names"
