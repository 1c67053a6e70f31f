# With no SMC-D device, the -d outcome lines and the JSON summary name the
# reason each connection fell back, as the kernel gives it for the socket
# on the descriptor each line names: NOSMCDEV for curl, and for the server
# PEERDECL with the peer's NOSMCDEV.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN" -d
curl_held curl "$(held_url 127.0.0.1)" "$SMC_RUN" -d --summary-file "$PWD/summary.json"
outcome_sockets
curl_sockets="$(kernel_sockets "$CLIENT_PID")"
release_fetches
cat curl.err server.err
echo "kernel: curl's: $CLIENT_SOCKET; the server's: $SERVER_SOCKET"
expect_match "$CLIENT_SOCKET" "^$CLIENT_PID [0-9]+ smc ACTIVE TCP $NOSMCDEV $NONE " "the kernel's word on curl's connection"
expect_match "$SERVER_SOCKET" "^$SERVER_PID [0-9]+ smc ACTIVE TCP $PEERDECL $NOSMCDEV " "the kernel's word on the server's"
expect_match "$CLIENT_LINE" '^curl\[[0-9]+\]: smc: connect\([0-9]+\)( completed)? to 127\.0\.0\.1:[0-9]+: TCP fallback \(NOSMCDEV\)$' \
  "curl's outcome line"
expect_match "$SERVER_LINE" '^python3\[[0-9]+\]: smc: accept\([0-9]+\) = [0-9]+ from 127\.0\.0\.1:[0-9]+: TCP fallback \(PEERDECL, peer NOSMCDEV\)$' \
  "the server's outcome line"
expect_eq "$(wc -l <<<"$curl_sockets") $(grep -c " smc ACTIVE TCP $NOSMCDEV " <<<"$curl_sockets")" "1 1" \
  "curl's sockets in the kernel: one, fallen back with NOSMCDEV"
expect_eq "$(python3 -c '
import json, sys
s = json.loads(open(sys.argv[1]).read())
print(s["connections"], s["smcd"], s["fallback"])
' summary.json)" "1 0 {'NOSMCDEV': 1}" "curl's JSON summary"
