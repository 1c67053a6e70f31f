# A dynamic C client of the guest's architecture under smc_run, connecting
# to the same program serving plain TCP (no smc_run), falls back to TCP
# with PEERNOSMC (0x03010000), over IPv4 and IPv6, and the echo still
# comes back intact; the kernel shows the client's SMC socket so, the
# server's plain TCP sockets with their addresses (/proc/net/tcp and tcp6,
# whose address words are in the host's byte order), and counts exactly
# those two client fallbacks, and no SMC handshake.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
kernel_json counters before.json
for address in 127.0.0.1 ::1; do
  start_echo_server tcp "$address"
  start_echo_client tcp "$address" "$SMC_RUN"
  seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
  release_echo
  echo "over $address:"
  echo "$seen"
  shown="127\.0\.0\.1" any="0\.0\.0\.0"
  [[ "$address" == ::1 ]] && shown="\[::1\]" any="\[::\]"
  expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP 0x03010000 " "over $address: the client's connection"
  expect_match "$seen" "^$SERVER_PID [0-9]+ tcp LISTEN $shown:$PORT $any:0$" "over $address: the server's listening socket"
  expect_match "$seen" "^$SERVER_PID [0-9]+ tcp ESTABLISHED $shown:$PORT $shown:[0-9]+$" "over $address: the server's connection"
done
kernel_json counters after.json
expect_eq "$(counter_changes before.json after.json)" \
  "fallbacks.client.0x03010000 +2, fallbacks.clnt_fback_cnt +2" "the handshake counters that changed"
