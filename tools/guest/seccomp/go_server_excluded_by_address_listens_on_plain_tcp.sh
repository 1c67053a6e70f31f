# --exclude naming a Go server's own address makes the seccomp supervisor
# replace its SMC socket at listen() by a plain TCP one bound to the same
# address and port, as the kernel says of the descriptor the supervisor's
# line names: an SMC client (curl under smc_run) falls back with PEERNOSMC,
# and 1 MiB still arrives.
source "$GUEST_DIR/lib.sh"
start_go_server 127.0.0.1 "$SMC_RUN" -d --exclude 127.0.0.1
curl_held curl "$(held_url 127.0.0.1)" "$SMC_RUN"
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
line="$(grep -E "^go_probe\[$SERVER_PID\]: smc: seccomp: listen\(" server.err || true)"
named="$(socket_named_by "$SERVER_PID" "$line" 'listen\(([0-9]+)\)')"
release_fetches
echo "$seen"
cat server.err; echo "the line's descriptor: $named"
expect_match "$seen" "^$SERVER_PID [0-9]+ tcp LISTEN 127\.0\.0\.1:$PORT " "the Go server's plain TCP listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:$PORT 127\.0\.0\.1:[0-9]+$" \
  "the Go server's plain TCP connection"
expect_no_match "$seen" "^$SERVER_PID [0-9]+ smc " "SMC sockets left in the Go server"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE " "curl's side"
expect_match "$line" \
  "^go_probe\[$SERVER_PID\]: smc: seccomp: listen\([0-9]+\) on 127\.0\.0\.1:$PORT: excluded by SMC_EXCLUDE 127\.0\.0\.1 -> TCP \(replaced the SMC socket\)$" \
  "the supervisor's filter line"
expect_match "$named" "^$SERVER_PID [0-9]+ tcp LISTEN 127\.0\.0\.1:$PORT " \
  "the socket on the descriptor the filter line names"
