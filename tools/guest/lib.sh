# Helpers for the checks that run inside the SMC guest; sourced. Each check
# runs in its own empty folder (the cwd) with SMC_RUN, the executable under
# test, and GUEST_DIR, this folder, set by in_guest.sh. SMC_RUN is empty in
# the guests of other architectures until their smc_run exists.
set -Eeuo pipefail
: "${SMC_RUN?}" "${GUEST_DIR:?}"
source "$GUEST_DIR/expect.sh"
# A command that fails outside the expect_* helpers still says where.
trap 'echo "FAIL: line $LINENO of $(basename "${BASH_SOURCE[0]}"): $BASH_COMMAND" >&2' ERR
BACKGROUND_PIDS=()
trap 'for p in "${BACKGROUND_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

# start_server ADDRESS [LAUNCHER...]: starts hold_server.py serving ./www,
# under LAUNCHER (e.g. "$SMC_RUN" -r 1m) when given, on port SERVER_PORT
# (default: one the kernel picks); sets SERVER_PID, PORT.
start_server() {
  local address="$1"
  shift
  mkdir -p www
  [[ -f www/data ]] || head -c 1048576 /dev/urandom >www/data
  rm -f www/release server.out
  "$@" python3 "$GUEST_DIR/hold_server.py" "$address" www "${SERVER_PORT:-0}" >server.out 2>server.err &
  SERVER_PID=$!
  BACKGROUND_PIDS+=("$SERVER_PID")
  wait_for server.out '^port [0-9]+$'
  PORT="$(awk '/^port/ {print $2}' server.out)"
}

# start_fetch URL [LAUNCHER...]: curl fetches URL into ./got in the
# background; sets CLIENT_PID. With /hold/ URLs the server then holds the
# connection open until release_fetch.
start_fetch() {
  local url="$1" held
  shift
  rm -f got www/release
  held="$(grep -c '^holding ' server.out || true)"
  "$@" curl -sS --max-time 60 -o got "$url" 2>curl.err &
  CLIENT_PID=$!
  BACKGROUND_PIDS+=("$CLIENT_PID")
  wait_for server.out '^holding ' $((held + 1))
}

# release_fetch: lets the held response finish and checks the bytes.
release_fetch() {
  touch www/release
  wait "$CLIENT_PID" || fail "curl failed: $(cat curl.err)"
  cmp -s www/data got || fail "curl received other bytes than the server sent"
}

# sockets PID...: the lines of inspect.py for these processes, from what
# our own smcss reports right now.
sockets() {
  "$SMC_RUN" --role smcss -a -j >smcss.json || fail "smcss failed"
  python3 "$GUEST_DIR/inspect.py" smcss.json "$@"
}

# both_use_smcd ADDRESS URL_HOST: a python3 server and curl, both under
# smc_run, exchange 1 MiB; while the connection is open every socket of
# theirs that SMC_DIAG lists is SMC-D (or listening), none is plain TCP,
# and each side has its connected socket among them.
both_use_smcd() {
  start_server "$1" "$SMC_RUN"
  start_fetch "http://$2:$PORT/hold/data" "$SMC_RUN"
  local seen
  seen="$(sockets "$SERVER_PID" "$CLIENT_PID")"
  release_fetch
  echo "$seen"
  expect_no_match "$seen" ' tcp$' "plain TCP sockets left in server or curl"
  expect_no_match "$seen" ' smc ACTIVE (SMCR|TCP) ' "connections not on SMC-D"
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "server's listening socket"
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD " "server's connection"
  expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD " "curl's connection"
}

# start_go_server ADDRESS [LAUNCHER...]: the Go probe's HTTP server (the
# API of hold_server.py) serving ./www under LAUNCHER; sets SERVER_PID,
# PORT.
start_go_server() {
  local address="$1"
  shift
  mkdir -p www
  [[ -f www/data ]] || head -c 1048576 /dev/urandom >www/data
  rm -f www/release server.out
  "$@" "$GUEST_DIR/go_probe" serve "$address" www >server.out 2>server.err &
  SERVER_PID=$!
  BACKGROUND_PIDS+=("$SERVER_PID")
  wait_for server.out '^port [0-9]+$'
  PORT="$(awk '/^port/ {print $2}' server.out)"
}

# start_probe_fetch CLIENT...: CLIENT (a command that fetches a /hold/
# path from the server into ./got, e.g. go_probe get URL got) in the
# background, until the server holds the connection; sets CLIENT_PID.
start_probe_fetch() {
  local held
  rm -f got www/release
  held="$(grep -c '^holding ' server.out || true)"
  "$@" 2>client.err &
  CLIENT_PID=$!
  BACKGROUND_PIDS+=("$CLIENT_PID")
  wait_for server.out '^holding ' $((held + 1))
}

# release_probe_fetch: lets the held response finish and checks the bytes.
release_probe_fetch() {
  touch www/release
  wait "$CLIENT_PID" || fail "the client failed: $(cat client.err)"
  cmp -s www/data got || fail "the client received other bytes than the server sent"
}

# kernel_sockets PID...: what the kernel says each TCP or SMC socket of
# these processes is, one line each (smc_kernel.py sockets):
#   PID INODE smc STATE MODE FALLBACK PEER_DIAGNOSIS SNDBUF RMBE PEER_RMBE IBDEV ROLE
#   PID INODE tcp STATE LOCAL REMOTE
kernel_sockets() {
  python3 "$GUEST_DIR/smc_kernel.py" sockets "$@" || fail "smc_kernel.py sockets failed"
}

# kernel_json WHAT FILE: smc_kernel.py's JSON (stats, fallbacks, counters
# for both, linkgroups) into FILE.
kernel_json() {
  python3 "$GUEST_DIR/smc_kernel.py" "$1" >"$2" || fail "smc_kernel.py $1 failed"
}

# counter_changes BEFORE AFTER: which handshake counters changed between
# two snapshots of kernel_json counters, on one line, sorted: e.g.
# "fallbacks.server.0x03010000 +1, fallbacks.srv_fback_cnt +1,
# stats.smcr.srv_v2_succ_cnt +2"; "none" when none did. Byte and call
# counts are left out: they depend on the programs, not on the handshakes.
counter_changes() {
  python3 - "$1" "$2" <<'PY'
import json, re, sys
before, after = (json.load(open(p)) for p in sys.argv[1:3])
kept = re.compile(r"(succ_cnt|hshake_err_cnt|fback_cnt)$|\.(server|client)\.")
def flat(doc, prefix=""):
    for key, value in doc.items():
        if isinstance(value, dict):
            yield from flat(value, prefix + key + ".")
        else:
            yield prefix + key, value
old = dict(flat(before))
changes = ["%s +%d" % (k, v - old.get(k, 0)) for k, v in sorted(flat(after))
           if kept.search(k) and v != old.get(k, 0)]
print(", ".join(changes) or "none")
PY
}
