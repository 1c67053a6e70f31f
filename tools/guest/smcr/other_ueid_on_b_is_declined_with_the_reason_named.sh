# With another UEID on B than on A, SMC-Rv2 cannot agree on an EID: A's
# kernel declines the proposal with NOSMCDEV (no SMC-Rv2 device for B's
# EID, and no SMC-Rv1 over rxe here), curl's connection on B falls back
# with PEERDECL, A's NOSMCDEV behind it, and curl's --summary-file names
# PEERDECL. With the UEID back, the same fetch is SMC-R again.
source "$GUEST_DIR/pair_lib.sh"
if on A; then
  start_server "$ADDR_A" "$SMC_RUN"
  tell port "$PORT"
  await held
  declined="$(kernel_sockets "$SERVER_PID")"
  tell inspected
  await held-again
  agreed="$(kernel_sockets "$SERVER_PID")"
  tell inspected-again
  echo "$declined"; echo "$agreed"
  expect_match "$declined" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $NOSMCDEV $NONE - - - - -$" \
    "server's side of the declined connection"
  expect_match "$agreed" "^$SERVER_PID [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 server$" \
    "server's connection with the UEID back"
  await done
else
  smcd() { "$SMC_RUN" --role smcd "$@"; }
  trap 'smcd ueid del OTHER-UEID-B >/dev/null 2>&1; smcd ueid add "$UEID" >/dev/null 2>&1' EXIT
  smcd ueid del "$UEID" || fail "removing $UEID on B"
  smcd ueid add OTHER-UEID-B || fail "adding OTHER-UEID-B on B"
  expect_eq "$(kernel_ueids)" OTHER-UEID-B "the kernel's UEIDs on B"
  PORT="$(await port)"
  curl_held declined "$(held_url "$ADDR_A")" "$SMC_RUN" --summary-file "$PWD/summary.json"
  declined_pid=$CLIENT_PID
  declined="$(kernel_sockets "$CLIENT_PID")"
  tell held
  await inspected
  release_fetches
  smcd ueid del OTHER-UEID-B || fail "removing OTHER-UEID-B on B"
  smcd ueid add "$UEID" || fail "putting $UEID back on B"
  expect_eq "$(kernel_ueids)" "$UEID" "the kernel's UEIDs on B, put back"
  trap - EXIT
  curl_held agreed "$(held_url "$ADDR_A")" "$SMC_RUN"
  agreed="$(kernel_sockets "$CLIENT_PID")"
  tell held-again
  await inspected-again
  release_fetches
  tell done
  echo "$declined"; echo "$agreed"; cat summary.json
  expect_match "$declined" "^$declined_pid [0-9]+ smc ACTIVE TCP $PEERDECL $NOSMCDEV - - - - -$" \
    "curl's declined connection"
  expect_match "$agreed" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 client$" \
    "curl's connection with the UEID back"
  expect_eq "$(python3 -c '
import json, sys
s = json.loads(open(sys.argv[1]).read())
print(s["program"], s["connections"], s["smcr"], s["fallback"])
' summary.json)" "curl 1 0 {'PEERDECL': 1}" "curl's JSON summary"
fi
