# Under -d, curl's connect() and the server's accept() each get one line
# saying the connection became SMC-D, as the kernel says of the socket on
# the descriptor each line names; --summary prints curl's counts at its
# exit, and --summary-file appends them as JSON: the one connection the
# kernel showed curl holding, on SMC-D, over an IPPROTO_SMC socket (SMC_DIAG
# gives it the family AF_INET; AF_SMC sockets keep AF_SMC).
source "$GUEST_DIR/lib.sh"
report=(--summary --summary-file "$PWD/summary.json")
start_server 127.0.0.1 "$SMC_RUN" -d
curl_held curl "$(held_url 127.0.0.1)" "$SMC_RUN" -d "${report[@]}"
outcome_sockets
curl_sockets="$(kernel_sockets "$CLIENT_PID")"
kernel_json diag diag.json
release_fetches
read -r _ client_inode _ <<<"$CLIENT_SOCKET"
client_family="$(python3 -c '
import json, sys
print(*[s["family"] for s in json.load(open("diag.json")) if s["inode"] == int(sys.argv[1])])
' "$client_inode")"
cat curl.err server.err
echo "kernel: curl's: $CLIENT_SOCKET; the server's: $SERVER_SOCKET"
echo "$curl_sockets"

expect_match "$CLIENT_SOCKET" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the kernel's word on curl's connection"
expect_match "$SERVER_SOCKET" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the kernel's word on the server's"
expect_match "$CLIENT_LINE" '^curl\[[0-9]+\]: smc: connect\([0-9]+\)( completed)? to 127\.0\.0\.1:[0-9]+: SMC-D$' \
  "curl's outcome line"
expect_match "$SERVER_LINE" '^python3\[[0-9]+\]: smc: accept\([0-9]+\) = [0-9]+ from 127\.0\.0\.1:[0-9]+: SMC-D$' \
  "the server's outcome line"
expect_eq "$(wc -l <<<"$curl_sockets") $(grep -c ' smc ACTIVE SMCD ' <<<"$curl_sockets")" "1 1" \
  "curl's sockets in the kernel: one, on SMC-D"
expect_eq "$client_family" 2 "SMC_DIAG's family of curl's socket (AF_INET: IPPROTO_SMC)"
expect_match "$(cat curl.err)" '^curl\[[0-9]+\]: smc: summary: sockets 1, converted 1 \(IPPROTO_SMC 1, AF_SMC 0\); connections 1: SMC-D 1, SMC-R 0, TCP fallback 0, TCP 0$' \
  "curl's summary line"
expect_eq "$(python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
s = json.loads(lines[0])
print(len(lines), s["program"], s["sockets"], s["converted"], s["connections"], s["smcd"], s["fallback"])
' summary.json)" "1 curl 1 {'IPPROTO_SMC': 1, 'AF_SMC': 0} 1 1 {}" "curl's JSON summary"
