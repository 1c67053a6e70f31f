# A plain curl against a python3 server under smc_run: the server's side of
# the connection falls back to TCP with PEERNOSMC, and the data arrives.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"
curl_held curl "$(held_url 127.0.0.1)"
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "$seen"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE " "server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:[0-9]+ 127\.0\.0\.1:$PORT$" \
  "curl's plain TCP socket"
