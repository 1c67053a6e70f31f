# An include list that does not match 127.0.0.1 leaves both ends on plain
# TCP (no SMC socket at all); one that matches lets them talk SMC-D.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 env SMC_INCLUDE=10.0.0.0/8 "$SMC_RUN"
curl_held missed "$(held_url 127.0.0.1)" env SMC_INCLUDE='10.0.0.0/8,[fd00::]/8' "$SMC_RUN"
missed="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "include lists that miss:"; echo "$missed"
expect_match "$missed" "^$SERVER_PID [0-9]+ tcp LISTEN 127\.0\.0\.1:$PORT " "server's plain TCP listening socket"
expect_match "$missed" "^$SERVER_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:$PORT 127\.0\.0\.1:[0-9]+$" \
  "server's plain TCP connection"
expect_match "$missed" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:[0-9]+ 127\.0\.0\.1:$PORT$" \
  "curl's plain TCP socket"
expect_no_match "$missed" " smc " "SMC sockets in server or curl"

start_server 127.0.0.1 "$SMC_RUN" --include 127.0.0.0/8
curl_held matched "$(held_url 127.0.0.1)" "$SMC_RUN" --include "10.0.0.0/8,*:$PORT"
matched="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "include lists that match:"; echo "$matched"
expect_match "$matched" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "server's connection"
expect_match "$matched" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "curl's connection"
