# A plain curl on B against a python3 server under smc_run on A: the
# server's side falls back to TCP with PEERNOSMC (B sent no SMC option),
# curl's socket is plain TCP, and the data arrives.
source "$GUEST_DIR/pair_lib.sh"
if on A; then
  start_server "$ADDR_A" "$SMC_RUN"
  tell port "$PORT"
  await held
  seen="$(kernel_sockets "$SERVER_PID")"
  tell inspected
  echo "$seen"
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE - - - - -$" "server's connection"
  await done
else
  PORT="$(await port)"
  curl_held plain "$(held_url "$ADDR_A")"
  seen="$(kernel_sockets "$CLIENT_PID")"
  tell held
  await inspected
  release_fetches
  tell done
  echo "$seen"
  expect_match "$seen" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED $ADDR_B:[0-9]+ $ADDR_A:$PORT$" "curl's plain TCP socket"
fi
