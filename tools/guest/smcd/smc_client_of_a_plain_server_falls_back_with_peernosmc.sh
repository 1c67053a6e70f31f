# curl under smc_run against a python3 server that is not: the handshake
# finds no SMC on the peer, the connection falls back to TCP with
# PEERNOSMC (0x03010000), and the data still arrives.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1
start_fetch "http://127.0.0.1:$PORT/hold/data" "$SMC_RUN"
seen="$(sockets "$CLIENT_PID")"
release_fetch
echo "$seen"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP PEERNOSMC " "curl's connection"
expect_no_match "$seen" ' tcp$' "plain TCP sockets in curl"
