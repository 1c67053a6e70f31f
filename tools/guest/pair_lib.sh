# Helpers for the checks that run on both guests of the pair (SMC-R over
# Soft-RoCE); sourced (it sources lib.sh). A check runs as the same script on
# guest A (198.18.0.1) and guest B (198.18.0.2) at once, in one folder both
# see (the cwd), and does its side's part:
#   if on A; then ...server...; else ...client...; fi
# The sides tell each other what they did through files there (tell/await).
# lib.sh's held server works across the pair as it is: its files
# (server.out, www/) are in the shared folder, so a fetch on B waits for
# A's server and releases it.
source "$GUEST_DIR/lib.sh"
: "${SMC_TESTBED_HOST:?}" "${SMC_TESTBED_ADDR:?}" "${SMC_TESTBED_PEER:?}"
SIDE="$SMC_TESTBED_HOST"
OTHER_SIDE=A
[[ "$SIDE" == A ]] && OTHER_SIDE=B
ADDR_A=198.18.0.1
ADDR_B=198.18.0.2
UEID=SMC-RUN-TESTBED # the one tools/testbed/run adds on both guests

on() { [[ "$SIDE" == "$1" ]]; }

# tell NAME [TEXT]: the other side's `await NAME` returns, printing TEXT.
tell() {
  printf '%s\n' "${2:-}" >".told.$1.$SIDE"
  mv ".told.$1.$SIDE" "told.$1"
}

# await NAME: waits (60 s at most) until the other side tells NAME, and
# prints what it told; fails at once when the other side's part has ended.
await() {
  local i
  for ((i = 0; i < 600; i++)); do
    if [[ -f "told.$1" ]]; then
      cat "told.$1"
      return 0
    fi
    [[ -f ".ended.$OTHER_SIDE" ]] && fail "guest $OTHER_SIDE's part ended before telling '$1'"
    nap
  done
  fail "guest $OTHER_SIDE did not tell '$1' within 60 s"
}

# link_groups FILE: one line per SMC-R link group in a kernel_json
# linkgroups snapshot: "ID ROLE conns=N eid=EID peer=HOST" and its active
# links as " rxe0:GID>PEER_GID" (a server may add and drop a second link
# while it tries one, so only active ones count).
link_groups() {
  python3 - "$1" <<'PY'
import json, sys
for g in json.load(open(sys.argv[1])):
    v2 = g["v2"] or {}
    # enum smc_link_state (net/smc/smc_core.h): 3 is SMC_LNK_ACTIVE.
    links = "".join(" %s:%s>%s" % (l["ib_dev"], l["gid"], l["peer_gid"])
                    for l in g["links"] if l["state"] == 3)
    print("%d %s conns=%d eid=%s peer=%s%s" % (
        g["id"], g["role"], g["conns_num"], v2.get("negotiated_eid", "-").strip(),
        v2.get("peer_host", "-").strip(), links))
PY
}

# gid ADDRESS: the RoCEv2 GID of an IPv4 address, as the kernel prints it.
gid() {
  local a b c d
  IFS=. read -r a b c d <<<"$1"
  printf '0000:0000:0000:0000:0000:ffff:%02x%02x:%02x%02x' "$a" "$b" "$c" "$d"
}

# echo_serve NAME [LAUNCHER...] (on A): echo_peer.py serves one connection
# on A's address under LAUNCHER, writing NAME.server; sets ECHO_PID.
echo_serve() {
  local name="$1"
  shift
  "$@" python3 -S "$GUEST_DIR/echo_peer.py" serve "$ADDR_A" 0 >"$name.server" 2>"$name.server.err" &
  ECHO_PID=$!
  BACKGROUND_PIDS+=("$ECHO_PID")
  wait_for "$name.server" '^port [0-9]+$'
}
# echo_connect NAME [LAUNCHER...] (on B): echo_peer.py under LAUNCHER
# connects to A's echo_serve NAME, writing NAME.client, and holds the
# connection open until echo_release NAME; sets ECHO_PID.
echo_connect() {
  local name="$1" port
  shift
  wait_for "$name.server" '^port [0-9]+$'
  port="$(awk '/^port/ {print $2}' "$name.server")"
  "$@" python3 -S "$GUEST_DIR/echo_peer.py" connect "$ADDR_A" "$port" "$name.hold" \
    >"$name.client" 2>"$name.client.err" &
  ECHO_PID=$!
  BACKGROUND_PIDS+=("$ECHO_PID")
  wait_for "$name.client" '^connected '
}
# echo_accepted NAME (on A): waits until the server has the connection.
echo_accepted() { wait_for "$1.server" '^accepted '; }
# echo_socket FILE [listening]: "DOMAIN PROTOCOL INODE" of the connection
# echo_peer.py made or accepted (SO_DOMAIN, SO_PROTOCOL, fstat's inode), or
# of the server's listening socket.
echo_socket() {
  local what='^(connected|accepted) '
  [[ "${2:-}" == listening ]] && what='^listening '
  awk -v w="$what" '$0 ~ w {print $2, $3, $4}' "$1"
}
# echo_release NAME (on B): 1 MiB goes over the held connection and back,
# and must arrive intact.
echo_release() {
  touch "$1.hold"
  wait "$ECHO_PID" || fail "echo client ($1) failed: $(cat "$1.client.err")"
  expect_match "$(cat "$1.client")" '^echoed 1048576 bytes intact$' "echo over the connection ($1)"
}
# echo_finished NAME (on A): the server saw the client through and exited.
echo_finished() {
  wait "$ECHO_PID" || fail "echo server ($1) failed: $(cat "$1.server.err")"
}

# echo_round NAME SERVER-LAUNCHER... -- CLIENT-LAUNCHER...: one whole echo
# connection, served on A and made from B, each under its launcher (none:
# a plain program); returns once both ends are done.
echo_round() {
  local name="$1" server=() client=()
  shift
  while (($#)) && [[ "$1" != -- ]]; do server+=("$1"); shift; done
  shift
  client=("$@")
  if on A; then
    echo_serve "$name" "${server[@]}"
    echo_finished "$name"
  else
    echo_connect "$name" "${client[@]}"
    echo_release "$name"
  fi
}
