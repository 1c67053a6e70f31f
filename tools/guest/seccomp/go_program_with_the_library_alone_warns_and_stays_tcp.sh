# --mechanism preload on a Go program keeps the old behaviour: one warning
# that Go makes its own system calls, and its connection to an SMC server
# is plain TCP (the server falls back with PEERNOSMC).
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"
fetch_held client "$SMC_RUN" --mechanism preload "$GUEST_DIR/go_probe" get \
  "$(held_url 127.0.0.1)" client.got
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "$seen"
expect_eq "$(cat client.err)" \
  "smc_run: Warning: $GUEST_DIR/go_probe is a Go program: Go makes its own system calls, so its TCP sockets stay TCP" \
  "the warning"
expect_match "$seen" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:[0-9]+ 127\.0\.0\.1:$PORT$" "the Go client's plain TCP socket"
expect_no_match "$seen" "^$CLIENT_PID [0-9]+ smc " "SMC sockets in the Go client"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE " "the server's side"
