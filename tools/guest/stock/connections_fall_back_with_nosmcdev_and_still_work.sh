# With Debian's stock smc.ko there is no SMC-D device: both ends under
# smc_run still get AF_SMC sockets, every connection falls back to TCP
# with NOSMCDEV (the server: the peer's NOSMCDEV behind PEERDECL), and the
# data arrives, over IPv4 and IPv6.
source "$GUEST_DIR/lib.sh"
for pair in "127.0.0.1 127.0.0.1" "::1 [::1]"; do
  read -r address host <<<"$pair"
  start_server "$address" "$SMC_RUN"
  curl_held curl "$(held_url "$host")" "$SMC_RUN"
  seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
  release_fetches
  echo "$address:"; echo "$seen"
  expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP $NOSMCDEV $NONE " "curl's connection over $address"
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $PEERDECL $NOSMCDEV " "server's connection over $address"
  expect_no_match "$seen" ' tcp ' "plain TCP sockets over $address"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
done
