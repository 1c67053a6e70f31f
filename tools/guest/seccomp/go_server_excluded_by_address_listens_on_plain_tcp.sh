# --exclude naming a Go server's own address makes the seccomp supervisor
# replace its SMC socket at listen() by a plain TCP one bound to the same
# address and port: an SMC client (curl under smc_run) falls back with
# PEERNOSMC, and 1 MiB still arrives.
source "$GUEST_DIR/lib.sh"
start_go_server 127.0.0.1 "$SMC_RUN" -d --exclude 127.0.0.1
start_fetch "http://127.0.0.1:$PORT/hold/data" "$SMC_RUN"
seen="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetch
echo "$seen"
cat server.err
expect_match "$seen" "^$SERVER_PID [0-9]+ tcp$" "the Go server's plain TCP sockets"
expect_no_match "$seen" "^$SERVER_PID [0-9]+ smc " "SMC sockets left in the Go server"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP PEERNOSMC " "curl's side"
expect_match "$(cat server.err)" \
  "^go_probe\[$SERVER_PID\]: smc: seccomp: listen\([0-9]+\) on 127\.0\.0\.1:$PORT: excluded by SMC_EXCLUDE 127\.0\.0\.1 -> TCP \(replaced the SMC socket\)$" \
  "the supervisor's filter line"
