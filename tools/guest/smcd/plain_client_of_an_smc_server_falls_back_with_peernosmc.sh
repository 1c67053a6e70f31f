# A plain curl against a python3 server under smc_run: the server's side of
# the connection falls back to TCP with PEERNOSMC, and the data arrives.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"
start_fetch "http://127.0.0.1:$PORT/hold/data"
seen="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetch
echo "$seen"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE TCP PEERNOSMC " "server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ tcp$" "curl's plain TCP socket"
