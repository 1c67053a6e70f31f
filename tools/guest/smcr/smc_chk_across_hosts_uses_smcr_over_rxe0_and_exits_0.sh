# smc_chk -S on A and smc_chk -C 198.18.0.1 on B, smc-tools' cross-host
# mode on its default port 37373: B's verdict names SMC-R over rxe0 and it
# exits 0, A's server line names the connection SMC-R over rxe0; and each
# kernel's own counters (SMC_NETLINK_GET_STATS) count exactly that one
# SMC-Rv2 handshake: a client success on B, a server success on A.
source "$GUEST_DIR/pair_lib.sh"
# Both sides share the check's folder: each names its files by its side.
if on A; then
  kernel_json counters before.$SIDE.json
  "$SMC_RUN" --role smc_chk -S >server.out 2>server.err &
  BACKGROUND_PIDS+=($!)
  server=$!
  wait_for server.out '^Server started on port 37373$'
  tell listening
  await done >/dev/null
  wait_for server.out '^connection from '
  kill -TERM "$server"
  wait "$server" || fail "smc_chk -S exited $?: $(cat server.err)"
  kernel_json counters after.$SIDE.json
  changes="$(counter_changes before.$SIDE.json after.$SIDE.json)"
  cat server.out; echo "$changes"
  expect_match "$(cat server.out)" "^connection from $ADDR_B:[0-9]+: SMC-R over rxe0 port 1$" \
    "the server's line for B's connection"
  expect_eq "$(tail -n 1 server.out)" "Server stopped after 1 connection" "the server's last line"
  expect_eq "$changes" "stats.smcr.srv_v2_succ_cnt +1" "A's SMC counters"
else
  await listening >/dev/null
  kernel_json counters before.$SIDE.json
  rc=0
  "$SMC_RUN" --role smc_chk -C "$ADDR_A" >chk.out 2>chk.err || rc=$?
  kernel_json counters after.$SIDE.json
  tell done
  changes="$(counter_changes before.$SIDE.json after.$SIDE.json)"
  cat chk.out chk.err; echo "$changes"
  expect_eq "$rc" 0 "status of smc_chk -C"
  expect_match "$(cat chk.out)" \
    "^live connection +ok    SMC-R over rxe0 port 1: 16384 bytes echoed by $ADDR_A:37373$" \
    "the live connection check"
  expect_eq "$(tail -n 1 chk.out)" \
    "verdict: SMC-R is used: the test connection to $ADDR_A:37373 ran on RDMA over rxe0 (port 1)" \
    "the verdict"
  expect_eq "$changes" "stats.smcr.clnt_v2_succ_cnt +1" "B's SMC counters"
fi
