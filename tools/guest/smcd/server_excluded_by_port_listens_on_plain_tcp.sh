# A server whose port SMC_EXCLUDE names: its AF_SMC socket, already bound
# (with SO_REUSEADDR, as python3's http.server sets it), becomes a plain
# TCP socket bound to the same port at listen(); an SMC client then falls
# back with PEERNOSMC and the data arrives. A server on another port, under
# the same filter, stays SMC.
source "$GUEST_DIR/lib.sh"
port=18181
SERVER_PORT=$port start_server 127.0.0.1 "$SMC_RUN" -d --exclude "*:$port"

start_fetch "http://127.0.0.1:$port/hold/data" "$SMC_RUN"
seen="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetch
echo "$seen"
cat server.err
expect_eq "$PORT" "$port" "the port the server listens on"
expect_match "$seen" "^$SERVER_PID [0-9]+ tcp$" "server's plain TCP sockets"
expect_no_match "$seen" "^$SERVER_PID [0-9]+ smc " "SMC sockets left in the server"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP PEERNOSMC " "curl's connection"
expect_match "$(cat server.err)" \
  "^python3\[$SERVER_PID\]: smc: listen\([0-9]+\) on 127\.0\.0\.1:$port: excluded by SMC_EXCLUDE \*:$port -> TCP \(replaced the SMC socket\)$" \
  "server's filter line"

SERVER_PORT=$((port + 1)) start_server 127.0.0.1 "$SMC_RUN" --exclude "*:$port"
start_fetch "http://127.0.0.1:$PORT/hold/data" "$SMC_RUN"
other="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetch
echo "$other"
expect_match "$other" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD " "server on another port"
