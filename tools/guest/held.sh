# A server that holds its response, and fetches from it, for the checks of
# the single guest and of the pair alike; sourced by lib.sh. The server
# serves ./www of the check's folder (www/data: 1 MiB of random bytes);
# GET /hold/data sends the headers and half the body, prints "holding data"
# and sends the rest once www/release exists, so a check can look at both
# ends of an open connection. The server is hold_server.py (python3) or the
# Go probe's "serve", which speak the same way. In the pair the folder is
# shared: a fetch on B waits for A's server and releases it.

# start_server ADDRESS [LAUNCHER...]: hold_server.py under LAUNCHER (e.g.
# "$SMC_RUN" -r 1m) when given, on port SERVER_PORT (default: one the
# kernel picks); sets SERVER_PID, PORT.
start_server() {
  local address="$1"
  shift
  serve_held "$@" python3 -S "$GUEST_DIR/hold_server.py" "$address" www "${SERVER_PORT:-0}"
}

# start_go_server ADDRESS [LAUNCHER...]: the same with the Go probe's
# server, which no library reaches.
start_go_server() {
  local address="$1"
  shift
  serve_held "$@" "$GUEST_DIR/go_probe" serve "$address" www
}

# serve_held SERVER...: SERVER (one of the two above, with its launcher) in
# the background, its output in server.out and server.err; returns once it
# listens.
serve_held() {
  mkdir -p www
  [[ -f www/data ]] || head -c 1048576 /dev/urandom >www/data
  rm -f www/release server.out
  "$@" >server.out 2>server.err &
  SERVER_PID=$!
  BACKGROUND_PIDS+=("$SERVER_PID")
  wait_for server.out '^port [0-9]+$'
  PORT="$(awk '/^port/ {print $2}' server.out)"
}

# held_url HOST: the held path of the server on HOST (127.0.0.1, '[::1]',
# 198.18.0.1) and PORT.
held_url() { echo "http://$1:$PORT/hold/data"; }

declare -A FETCHES=()
# fetch_held NAME CLIENT...: CLIENT (a command, launcher included, that
# fetches a held_url into NAME.got) in the background, its stderr in
# NAME.err; returns once the server holds the connection open. Sets
# CLIENT_PID. Several fetches may be held at once.
fetch_held() {
  local name="$1" held
  shift
  rm -f "$name.got"
  held="$(grep -c '^holding ' server.out || true)"
  "$@" 2>"$name.err" &
  CLIENT_PID=$!
  FETCHES[$name]=$CLIENT_PID
  BACKGROUND_PIDS+=("$CLIENT_PID")
  wait_for server.out '^holding ' $((held + 1))
}

# curl_held NAME URL [LAUNCHER...]: fetch_held with curl (under LAUNCHER).
curl_held() {
  local name="$1" url="$2"
  shift 2
  fetch_held "$name" "$@" curl -sS --max-time 60 -o "$name.got" "$url"
}

# release_fetches: the held fetches finish; each must have received the
# server's bytes.
release_fetches() {
  local name
  touch www/release
  for name in "${!FETCHES[@]}"; do
    wait "${FETCHES[$name]}" || fail "the client ($name) failed: $(cat "$name.err")"
    cmp -s www/data "$name.got" || fail "the client ($name) received other bytes than the server sent"
  done
  FETCHES=()
  rm -f www/release
}
