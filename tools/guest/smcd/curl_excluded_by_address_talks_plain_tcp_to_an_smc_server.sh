# SMC_EXCLUDE naming the server's address keeps curl off SMC: its socket,
# made as AF_SMC, is replaced by a plain TCP one before connect(), so the
# SMC server sees a peer that never offered SMC (PEERNOSMC); without the
# variable the same pair talks SMC-D, in the same boot.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"

start_fetch "http://127.0.0.1:$PORT/hold/data" "$SMC_RUN"
without="$(sockets "$CLIENT_PID")"
release_fetch

start_fetch "http://127.0.0.1:$PORT/hold/data" env SMC_EXCLUDE=127.0.0.1 "$SMC_RUN" -d
with="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetch
echo "without SMC_EXCLUDE:"; echo "$without"; echo "with SMC_EXCLUDE=127.0.0.1:"; echo "$with"
cat curl.err

expect_match "$without" "^[0-9]+ [0-9]+ smc ACTIVE SMCD " "curl without a filter"
expect_match "$with" "^$CLIENT_PID [0-9]+ tcp$" "curl's plain TCP socket"
expect_no_match "$with" "^$CLIENT_PID [0-9]+ smc " "SMC sockets left in curl"
expect_match "$with" "^$SERVER_PID [0-9]+ smc ACTIVE TCP PEERNOSMC " "server's side of the connection"
expect_match "$(cat curl.err)" \
  "^curl\[$CLIENT_PID\]: smc: connect\([0-9]+, 127\.0\.0\.1:$PORT\): excluded by SMC_EXCLUDE 127\.0\.0\.1 -> TCP \(replaced the SMC socket\)$" \
  "curl's filter line"
