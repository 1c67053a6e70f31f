# curl under smc_run on B against a plain python3 server on A: the
# handshake finds no SMC on A, curl's connection falls back to TCP with
# PEERNOSMC, the server's socket is plain TCP, and the data arrives.
source "$GUEST_DIR/pair_lib.sh"
if on A; then
  start_server "$ADDR_A"
  tell port "$PORT"
  await held
  seen="$(kernel_sockets "$SERVER_PID")"
  tell inspected
  echo "$seen"
  expect_match "$seen" "^$SERVER_PID [0-9]+ tcp ESTABLISHED $ADDR_A:$PORT $ADDR_B:[0-9]+$" "server's plain TCP connection"
  expect_no_match "$seen" " smc " "SMC sockets in the plain server"
  await done
else
  PORT="$(await port)"
  curl_held smc "$(held_url "$ADDR_A")" "$SMC_RUN"
  seen="$(kernel_sockets "$CLIENT_PID")"
  tell held
  await inspected
  release_fetches
  tell done
  echo "$seen"
  expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE - - - - -$" "curl's connection"
  expect_no_match "$seen" " tcp " "plain TCP sockets in curl"
fi
