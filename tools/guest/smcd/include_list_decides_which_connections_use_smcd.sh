# An include list that does not match 127.0.0.1 leaves both ends on plain
# TCP (no SMC socket at all); one that matches lets them talk SMC-D.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 env SMC_INCLUDE=10.0.0.0/8 "$SMC_RUN"
start_fetch "http://127.0.0.1:$PORT/hold/data" env SMC_INCLUDE='10.0.0.0/8,[fd00::]/8' "$SMC_RUN"
missed="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetch
echo "include lists that miss:"; echo "$missed"
expect_match "$missed" "^$SERVER_PID [0-9]+ tcp$" "server's plain TCP sockets"
expect_match "$missed" "^$CLIENT_PID [0-9]+ tcp$" "curl's plain TCP socket"
expect_no_match "$missed" " smc " "SMC sockets in server or curl"

start_server 127.0.0.1 "$SMC_RUN" --include 127.0.0.0/8
start_fetch "http://127.0.0.1:$PORT/hold/data" "$SMC_RUN" --include "10.0.0.0/8,*:$PORT"
matched="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetch
echo "include lists that match:"; echo "$matched"
expect_match "$matched" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD " "server's connection"
expect_match "$matched" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD " "curl's connection"
