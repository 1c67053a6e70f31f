# Under -d, curl's connect() on B and the server's accept() on A each get
# one line saying the connection became SMC-R, and curl's --summary and
# --summary-file count it as SMC-R; SMC_DIAG says SMC-R for both ends of
# that connection too, for the socket on the descriptor each line names.
source "$GUEST_DIR/pair_lib.sh"
if on A; then
  start_server "$ADDR_A" "$SMC_RUN" -d
  tell port "$PORT"
  await held
  seen="$(kernel_sockets "$SERVER_PID")"
  line="$(grep -E "^python3\[$SERVER_PID\]: smc: accept\(" server.err || true)"
  named="$(socket_named_by "$SERVER_PID" "$line" '\) = ([0-9]+) from')"
  tell inspected
  await done
  echo "$seen"; cat server.err; echo "the line's descriptor: $named"
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 server$" \
    "server's connection in SMC_DIAG"
  expect_match "$line" "^python3\[$SERVER_PID\]: smc: accept\([0-9]+\) = [0-9]+ from $ADDR_B:[0-9]+: SMC-R$" \
    "the server's outcome line"
  expect_match "$named" "^$SERVER_PID [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 server$" \
    "the socket on the descriptor the server's line names"
else
  PORT="$(await port)"
  curl_held outcome "$(held_url "$ADDR_A")" "$SMC_RUN" -d --summary --summary-file "$PWD/summary.json"
  pid=$CLIENT_PID
  seen="$(kernel_sockets "$CLIENT_PID")"
  line="$(grep -E "^curl\[$pid\]: smc: connect\(" outcome.err || true)"
  named="$(socket_named_by "$CLIENT_PID" "$line" 'connect\(([0-9]+)\)')"
  tell held
  await inspected
  release_fetches
  tell done
  echo "$seen"; cat outcome.err; echo "the line's descriptor: $named"
  expect_match "$seen" "^$pid [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 client$" \
    "curl's connection in SMC_DIAG"
  expect_eq "$(wc -l <<<"$seen")" 1 "curl's sockets in the kernel"
  expect_match "$line" "^curl\[$pid\]: smc: connect\([0-9]+\)( completed)? to $ADDR_A:$PORT: SMC-R$" \
    "curl's outcome line"
  expect_match "$named" "^$pid [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 client$" \
    "the socket on the descriptor curl's line names"
  expect_match "$(cat outcome.err)" "^curl\[$pid\]: smc: summary: sockets 1, converted 1 \(IPPROTO_SMC 1, AF_SMC 0\); connections 1: SMC-D 0, SMC-R 1, TCP fallback 0, TCP 0$" \
    "curl's summary line"
  expect_eq "$(python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
s = json.loads(lines[0])
print(len(lines), s["program"], s["connections"], s["smcr"], s["smcd"], s["tcp"], s["fallback"])
' summary.json)" "1 curl 1 1 0 0 {}" "curl's JSON summary"
fi
