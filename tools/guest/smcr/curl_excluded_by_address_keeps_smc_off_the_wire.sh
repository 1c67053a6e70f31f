# --exclude 198.18.0.1 (A's address) keeps curl on B off SMC: its socket
# is a plain TCP one to A, A's SMC server sees no SMC option in the
# handshake (PEERNOSMC), and B's kernel counts no SMC handshake at all,
# neither a success nor a fallback; A's counts only that fallback.
source "$GUEST_DIR/pair_lib.sh"
if on A; then
  start_server "$ADDR_A" "$SMC_RUN"
  kernel_json counters counters.A.before
  tell port "$PORT"
  await held
  seen="$(kernel_sockets "$SERVER_PID")"
  tell inspected
  await done
  kernel_json counters counters.A.after
  echo "$seen"
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $PEERNOSMC $NONE - - - - -$" "server's connection"
  expect_eq "$(counter_changes counters.A.before counters.A.after)" \
    "fallbacks.server.$PEERNOSMC +1, fallbacks.srv_fback_cnt +1" \
    "A's SMC counters: one fallback, no handshake"
else
  PORT="$(await port)"
  kernel_json counters counters.B.before
  curl_held excluded "$(held_url "$ADDR_A")" "$SMC_RUN" --exclude "$ADDR_A"
  seen="$(kernel_sockets "$CLIENT_PID")"
  tell held
  await inspected
  release_fetches
  kernel_json counters counters.B.after
  tell done
  echo "$seen"
  expect_match "$seen" "^$CLIENT_PID [0-9]+ tcp ESTABLISHED $ADDR_B:[0-9]+ $ADDR_A:$PORT$" "curl's plain TCP socket"
  expect_no_match "$seen" " smc " "SMC sockets left in curl"
  expect_eq "$(counter_changes counters.B.before counters.B.after)" none \
    "B's SMC counters: no handshake, no fallback"
fi
