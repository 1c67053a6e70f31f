#!/usr/bin/env bash
# A python3 HTTP server and a curl client, both under smc_run -d, exchange
# data; each one's TCP sockets go through the library, and -d shows the
# launcher's and the library's lines, named by program and pid.
source "$(dirname "$0")/lib.sh"

mkdir "$SCRATCH/www"
page="hello over smc $RANDOM$RANDOM"
printf '%s\n' "$page" >"$SCRATCH/www/index.html"

"$SMC_RUN" -d python3 -u -m http.server --bind 127.0.0.1 \
  --directory "$SCRATCH/www" 0 >"$SCRATCH/server.out" 2>"$SCRATCH/server.err" &
server=$!
BACKGROUND_PIDS+=("$server")
wait_for "$SCRATCH/server.out" 'Serving HTTP on .* port [0-9]+'
port="$(grep -oE 'port [0-9]+' "$SCRATCH/server.out" | grep -oE '[0-9]+')"

run "$SMC_RUN" -d curl -sS --max-time 10 "http://127.0.0.1:$port/index.html"
expect_eq "$RC" 0 "curl exit status"
expect_eq "$OUT" "$page" "page fetched by curl"
kill "$server"
wait "$server" 2>/dev/null || true

converted="$(converted_as)"
server_err="$(cat "$SCRATCH/server.err")"
expect_contains "$server_err" "smc_run[$server]: LD_PRELOAD=/proc/self/fd/" \
  "server launcher diagnostics"
expect_match "$server_err" \
  "^python3\[$server\]: smc: socket\(AF_INET, SOCK_STREAM[^)]*\) = [0-9]+ $converted" \
  "server socket decision"
expect_contains "$ERR" "smc_run[" "curl launcher diagnostics"
expect_match "$ERR" \
  "^curl\[[0-9]+\]: smc: socket\(AF_INET, SOCK_STREAM[^)]*\) = [0-9]+ $converted" \
  "curl socket decision"
