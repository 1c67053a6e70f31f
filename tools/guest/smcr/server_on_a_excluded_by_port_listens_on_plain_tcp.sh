# A server on A whose port --exclude names listens on a plain TCP socket:
# curl under smc_run on B falls back with PEERNOSMC. A server on another
# port under the same filter stays SMC and talks SMC-R with curl.
source "$GUEST_DIR/pair_lib.sh"
port=18181
if on A; then
  SERVER_PORT=$port start_server "$ADDR_A" "$SMC_RUN" --exclude "*:$port"
  tell port "$PORT"
  await held
  excluded="$(kernel_sockets "$SERVER_PID")"
  excluded_pid=$SERVER_PID
  tell inspected
  await released
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PORT=$((port + 1)) start_server "$ADDR_A" "$SMC_RUN" --exclude "*:$port"
  tell other-port "$PORT"
  await held-again
  other="$(kernel_sockets "$SERVER_PID")"
  tell inspected-again
  echo "$excluded"; echo "$other"
  expect_match "$excluded" "^$excluded_pid [0-9]+ tcp LISTEN $ADDR_A:$port 0\.0\.0\.0:0$" "the excluded server's listening socket"
  expect_match "$excluded" "^$excluded_pid [0-9]+ tcp ESTABLISHED $ADDR_A:$port $ADDR_B:[0-9]+$" "the excluded server's connection"
  expect_no_match "$excluded" " smc " "SMC sockets in the excluded server"
  expect_match "$other" "^$SERVER_PID [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 server$" \
    "the server on port $((port + 1))"
  await done
else
  PORT="$(await port)"
  expect_eq "$PORT" "$port" "the excluded server's port"
  curl_held excluded "$(held_url "$ADDR_A")" "$SMC_RUN"
  excluded_pid=$CLIENT_PID
  excluded="$(kernel_sockets "$CLIENT_PID")"
  tell held
  await inspected
  release_fetches
  tell released
  PORT="$(await other-port)"
  curl_held other "$(held_url "$ADDR_A")" "$SMC_RUN"
  other="$(kernel_sockets "$CLIENT_PID")"
  tell held-again
  await inspected-again
  release_fetches
  tell done
  echo "$excluded"; echo "$other"
  expect_match "$excluded" "^$excluded_pid [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE - - - - -$" "curl's connection to the excluded server"
  expect_match "$other" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 client$" \
    "curl's connection to the server on port $((port + 1))"
fi
