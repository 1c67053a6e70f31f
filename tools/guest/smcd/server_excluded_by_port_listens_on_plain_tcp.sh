# A server whose port SMC_EXCLUDE names: its AF_SMC socket, already bound
# (with SO_REUSEADDR, as python3's http.server sets it), becomes a plain
# TCP socket bound to the same port at listen(), as the kernel says of the
# descriptor its -d line names; an SMC client then falls back with
# PEERNOSMC and the data arrives. A server on another port, under the same
# filter, stays SMC.
source "$GUEST_DIR/lib.sh"
port=18181
SERVER_PORT=$port start_server 127.0.0.1 "$SMC_RUN" -d --exclude "*:$port"

curl_held curl "$(held_url 127.0.0.1)" "$SMC_RUN"
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
line="$(grep -E "^python3\[$SERVER_PID\]: smc: listen\(" server.err || true)"
named="$(socket_named_by "$SERVER_PID" "$line" 'listen\(([0-9]+)\)')"
release_fetches
echo "$seen"
cat server.err; echo "the -d line's descriptor: $named"
expect_eq "$PORT" "$port" "the port the server listens on"
expect_match "$seen" "^$SERVER_PID [0-9]+ tcp LISTEN 127\.0\.0\.1:$port " "server's plain TCP listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:$port 127\.0\.0\.1:[0-9]+$" \
  "server's plain TCP connection"
expect_no_match "$seen" "^$SERVER_PID [0-9]+ smc " "SMC sockets left in the server"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE " "curl's connection"
expect_match "$line" \
  "^python3\[$SERVER_PID\]: smc: listen\([0-9]+\) on 127\.0\.0\.1:$port: excluded by SMC_EXCLUDE \*:$port -> TCP \(replaced the SMC socket\)$" \
  "server's filter line"
expect_match "$named" "^$SERVER_PID [0-9]+ tcp LISTEN 127\.0\.0\.1:$port " \
  "the socket on the descriptor the filter line names"

SERVER_PORT=$((port + 1)) start_server 127.0.0.1 "$SMC_RUN" --exclude "*:$port"
curl_held other "$(held_url 127.0.0.1)" "$SMC_RUN"
other="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "$other"
expect_match "$other" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "server on another port"
expect_match "$other" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "curl's connection to it"
