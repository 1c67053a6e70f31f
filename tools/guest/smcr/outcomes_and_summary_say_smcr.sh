# Under -d, curl's connect() on B and the server's accept() on A each get
# one line saying the connection became SMC-R, and curl's --summary and
# --summary-file count it as SMC-R; SMC_DIAG says SMC-R for both ends of
# that connection too.
source "$GUEST_DIR/pair_lib.sh"
if on A; then
  start_server "$ADDR_A" "$SMC_RUN" -d
  tell port "$PORT"
  await held
  seen="$(kernel_sockets "$SERVER_PID")"
  tell inspected
  await done
  echo "$seen"; cat server.err
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 server$" \
    "server's connection in SMC_DIAG"
  expect_match "$(cat server.err)" "^python3\[$SERVER_PID\]: smc: accept\([0-9]+\) = [0-9]+ from $ADDR_B:[0-9]+: SMC-R$" \
    "the server's outcome line"
else
  PORT="$(await port)"
  fetch_held outcome "$SMC_RUN" -d --summary --summary-file "$PWD/summary.json"
  pid=$CLIENT_PID
  seen="$(kernel_sockets "$CLIENT_PID")"
  tell held
  await inspected
  release_fetches
  tell done
  echo "$seen"; cat outcome.err
  expect_match "$seen" "^$pid [0-9]+ smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 client$" \
    "curl's connection in SMC_DIAG"
  expect_match "$(cat outcome.err)" "^curl\[$pid\]: smc: connect\([0-9]+\)( completed)? to $ADDR_A:$PORT: SMC-R$" \
    "curl's outcome line"
  expect_match "$(cat outcome.err)" "^curl\[$pid\]: smc: summary: sockets 1, converted 1 \(IPPROTO_SMC 1, AF_SMC 0\); connections 1: SMC-D 0, SMC-R 1, TCP fallback 0, TCP 0$" \
    "curl's summary line"
  expect_eq "$(python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
s = json.loads(lines[0])
print(len(lines), s["program"], s["connections"], s["smcr"], s["smcd"], s["tcp"], s["fallback"])
' summary.json)" "1 curl 1 1 0 0 {}" "curl's JSON summary"
fi
