# --include 198.18.0.1:PORT (A's server) lets curl on B use SMC-R with it;
# an include list naming another port of A keeps curl on plain TCP, and
# A's server then sees PEERNOSMC.
source "$GUEST_DIR/pair_lib.sh"
if on A; then
  start_server "$ADDR_A" "$SMC_RUN"
  tell port "$PORT"
  await held
  included="$(kernel_sockets "$SERVER_PID")"
  tell inspected
  await held-again
  missed="$(kernel_sockets "$SERVER_PID")"
  tell inspected-again
  echo "$included"; echo "$missed"
  expect_match "$included" "^$SERVER_PID [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 server$" \
    "server's connection with curl included"
  expect_match "$missed" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE - - - - -$" \
    "server's connection with curl not included"
  await done
else
  PORT="$(await port)"
  curl_held included "$(held_url "$ADDR_A")" "$SMC_RUN" --include "$ADDR_A:$PORT"
  included_pid=$CLIENT_PID
  included="$(kernel_sockets "$CLIENT_PID")"
  tell held
  await inspected
  release_fetches
  curl_held missed "$(held_url "$ADDR_A")" "$SMC_RUN" --include "$ADDR_A:$((PORT + 1))"
  missed="$(kernel_sockets "$CLIENT_PID")"
  tell held-again
  await inspected-again
  release_fetches
  tell done
  echo "$included"; echo "$missed"
  expect_match "$included" "^$included_pid [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 client$" \
    "curl's connection with --include $ADDR_A:$PORT"
  expect_match "$missed" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED $ADDR_B:[0-9]+ $ADDR_A:$PORT$" \
    "curl's plain TCP socket with --include $ADDR_A:$((PORT + 1))"
  expect_no_match "$missed" " smc " "SMC sockets in the curl not included"
fi
