# Under -d, curl's connect() and the server's accept() each get one line
# saying the connection became SMC-D; --summary prints curl's counts at its
# exit, and --summary-file appends them as JSON.
source "$GUEST_DIR/lib.sh"
report=(--summary --summary-file "$PWD/summary.json")
start_server 127.0.0.1 "$SMC_RUN" -d
start_fetch "http://127.0.0.1:$PORT/hold/data" "$SMC_RUN" -d "${report[@]}"
release_fetch
cat curl.err server.err
expect_match "$(cat curl.err)" '^curl\[[0-9]+\]: smc: connect\([0-9]+\)( completed)? to 127\.0\.0\.1:[0-9]+: SMC-D$' \
  "curl's outcome line"
expect_match "$(cat server.err)" '^python3\[[0-9]+\]: smc: accept\([0-9]+\) = [0-9]+ from 127\.0\.0\.1:[0-9]+: SMC-D$' \
  "the server's outcome line"
expect_match "$(cat curl.err)" '^curl\[[0-9]+\]: smc: summary: sockets 1, converted 1 \(IPPROTO_SMC 1, AF_SMC 0\); connections 1: SMC-D 1, SMC-R 0, TCP fallback 0, TCP 0$' \
  "curl's summary line"
expect_eq "$(python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
s = json.loads(lines[0])
print(len(lines), s["program"], s["sockets"], s["converted"], s["connections"], s["smcd"], s["fallback"])
' summary.json)" "1 curl 1 {'IPPROTO_SMC': 1, 'AF_SMC': 0} 1 1 {}" "curl's JSON summary"
