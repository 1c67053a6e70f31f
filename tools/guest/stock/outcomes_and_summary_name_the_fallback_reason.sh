# With no SMC-D device, the -d outcome lines and the JSON summary name the
# reason each connection fell back: NOSMCDEV for curl, and for the server
# PEERDECL with the peer's NOSMCDEV.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN" -d
start_fetch "http://127.0.0.1:$PORT/hold/data" "$SMC_RUN" -d --summary-file "$PWD/summary.json"
release_fetch
cat curl.err server.err
expect_match "$(cat curl.err)" '^curl\[[0-9]+\]: smc: connect\([0-9]+\)( completed)? to 127\.0\.0\.1:[0-9]+: TCP fallback \(NOSMCDEV\)$' \
  "curl's outcome line"
expect_match "$(cat server.err)" '^python3\[[0-9]+\]: smc: accept\([0-9]+\) = [0-9]+ from 127\.0\.0\.1:[0-9]+: TCP fallback \(PEERDECL, peer NOSMCDEV\)$' \
  "the server's outcome line"
expect_eq "$(python3 -c '
import json, sys
s = json.loads(open(sys.argv[1]).read())
print(s["connections"], s["smcd"], s["fallback"])
' summary.json)" "1 0 {'NOSMCDEV': 1}" "curl's JSON summary"
