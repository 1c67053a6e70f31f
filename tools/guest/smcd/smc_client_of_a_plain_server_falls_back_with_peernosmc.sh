# curl under smc_run against a python3 server that is not: the handshake
# finds no SMC on the peer, the connection falls back to TCP with
# PEERNOSMC (0x03010000), and the data still arrives.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1
curl_held curl "$(held_url 127.0.0.1)" "$SMC_RUN"
seen="$(kernel_sockets "$CLIENT_PID")"
release_fetches
echo "$seen"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE " "curl's connection"
expect_no_match "$seen" ' tcp ' "plain TCP sockets in curl"
