# SMC_EXCLUDE naming the server's address keeps curl off SMC: its socket,
# made as AF_SMC, is replaced by a plain TCP one before connect(), so the
# SMC server sees a peer that never offered SMC (PEERNOSMC); without the
# variable the same pair talks SMC-D, in the same boot. The -d line's
# descriptor is the plain TCP socket the kernel shows.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"

curl_held plain "$(held_url 127.0.0.1)" "$SMC_RUN"
without="$(kernel_sockets "$CLIENT_PID")"
release_fetches

curl_held curl "$(held_url 127.0.0.1)" env SMC_EXCLUDE=127.0.0.1 "$SMC_RUN" -d
with="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
line="$(grep -E "^curl\[$CLIENT_PID\]: smc: connect\(" curl.err || true)"
named="$(socket_named_by "$CLIENT_PID" "$line" 'smc: connect\(([0-9]+),')"
release_fetches
echo "without SMC_EXCLUDE:"; echo "$without"; echo "with SMC_EXCLUDE=127.0.0.1:"; echo "$with"
cat curl.err; echo "the -d line's descriptor: $named"

expect_match "$without" "^[0-9]+ [0-9]+ smc ACTIVE SMCD $NONE $NONE " "curl without a filter"
expect_match "$with" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:[0-9]+ 127\.0\.0\.1:$PORT$" "curl's plain TCP socket"
expect_no_match "$with" "^$CLIENT_PID [0-9]+ smc " "SMC sockets left in curl"
expect_match "$with" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC " "server's side of the connection"
expect_match "$line" \
  "^curl\[$CLIENT_PID\]: smc: connect\([0-9]+, 127\.0\.0\.1:$PORT\): excluded by SMC_EXCLUDE 127\.0\.0\.1 -> TCP \(replaced the SMC socket\)$" \
  "curl's filter line"
expect_match "$named" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:[0-9]+ 127\.0\.0\.1:$PORT$" \
  "the socket on the descriptor the filter line names"
