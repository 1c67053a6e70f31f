# curl on B fetches from a python3 server on A, both under smc_run: every
# connection is SMC-R on both ends (SMC_DIAG, by inode, on rxe0), and the
# second connection, made while the first is open, joins the first one's
# link group: each guest has that one SMC-R link group, with the test bed's
# UEID negotiated, the other guest as its peer, and one connection more.
source "$GUEST_DIR/pair_lib.sh"
smcr_connection="smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0"
# wait_until_idle: the SMC-R link groups hold no connection (those of the
# checks before have been freed), so the counts below are this check's.
wait_until_idle() {
  local i
  for ((i = 0; i < 20; i++)); do
    kernel_json linkgroups idle.$SIDE.json
    ! grep -q ' conns=[1-9]' <<<"$(link_groups idle.$SIDE.json)" && return 0
    sleep 0.5
  done
  fail "SMC-R link groups still hold connections: $(link_groups idle.$SIDE.json)"
}

if on A; then
  wait_until_idle
  start_server "$ADDR_A" "$SMC_RUN"
  tell port "$PORT"
  await both-held
  seen="$(kernel_sockets "$SERVER_PID")"
  kernel_json linkgroups groups.json
  tell inspected
  groups="$(link_groups groups.json)"
  echo "$seen"; echo "$groups"
  expect_eq "$(grep -cE "^$SERVER_PID [0-9]+ $smcr_connection server$" <<<"$seen")" 2 \
    "the server's SMC-R connections on rxe0"
  expect_no_match "$seen" " smc ACTIVE (TCP|SMCD) | tcp " "server's connections not on SMC-R"
  expect_match "$groups" "^[0-9]+ server conns=2 eid=$UEID peer=smc-testbed-b rxe0:$(gid "$ADDR_A")>$(gid "$ADDR_B")$" \
    "A's link group with both connections"
  expect_eq "$(wc -l <<<"$groups")" 1 "SMC-R link groups on A"
  await done
else
  wait_until_idle
  PORT="$(await port)"
  curl_held first "$(held_url "$ADDR_A")" "$SMC_RUN"
  first_pid=$CLIENT_PID
  alone="$(kernel_sockets "$first_pid")"
  kernel_json linkgroups first.json
  curl_held second "$(held_url "$ADDR_A")" "$SMC_RUN"
  both="$(kernel_sockets "$first_pid" "$CLIENT_PID")"
  kernel_json linkgroups second.json
  tell both-held
  await inspected
  release_fetches
  tell done
  first="$(link_groups first.json)"
  second="$(link_groups second.json)"
  echo "$alone"; echo "$first"; echo "$both"; echo "$second"
  expect_match "$alone" "^$first_pid [0-9]+ $smcr_connection client$" "the first curl's connection"
  expect_match "$both" "^$CLIENT_PID [0-9]+ $smcr_connection client$" "the second curl's connection"
  expect_no_match "$both" " smc ACTIVE (TCP|SMCD) | tcp " "curls' connections not on SMC-R"
  link="eid=$UEID peer=smc-testbed-a rxe0:$(gid "$ADDR_B")>$(gid "$ADDR_A")"
  expect_match "$first" "^[0-9]+ client conns=1 $link$" "B's link group with the first connection"
  expect_eq "$(wc -l <<<"$first")" 1 "SMC-R link groups on B with one connection"
  expect_eq "$second" "${first%% *} client conns=2 $link" \
    "B's link groups with both connections: the first one's, one connection more"
fi
