# --mechanism preload on a Go program keeps the old behaviour: one warning
# that Go makes its own system calls, and its connection to an SMC server
# is plain TCP (the server falls back with PEERNOSMC).
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"
start_probe_fetch "$SMC_RUN" --mechanism preload "$GUEST_DIR/go_probe" get \
  "http://127.0.0.1:$PORT/hold/data" got
seen="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_probe_fetch
echo "$seen"
expect_eq "$(cat client.err)" \
  "smc_run: Warning: $GUEST_DIR/go_probe is a Go program: Go makes its own system calls, so its TCP sockets stay TCP" \
  "the warning"
expect_match "$seen" "^$CLIENT_PID [0-9]+ tcp$" "the Go client's plain TCP socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE TCP PEERNOSMC " "the server's side"
