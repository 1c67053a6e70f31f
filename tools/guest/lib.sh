# Helpers for the checks that run inside the SMC guest; sourced. Each check
# runs in its own empty folder (the cwd) with SMC_RUN, the executable under
# test, and GUEST_DIR, this folder, set by in_guest.sh.
set -Eeuo pipefail
: "${SMC_RUN:?}" "${GUEST_DIR:?}"
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

# ---- The BPF mechanism's checks (tools/guest/bpf) ----------------------------

# bpf_ready: bpffs on /sys/fs/bpf and cgroup v2 on /sys/fs/cgroup, where
# systemd would have mounted them (the test bed's init mounts neither).
bpf_ready() {
  mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
  [[ "$(stat -f -c %T /sys/fs/cgroup)" == cgroup2fs ]] || mount -t cgroup2 cgroup2 /sys/fs/cgroup
}

# scope ARGS...: the product's smc_scope role.
scope() { "$SMC_RUN" --role smc_scope "$@"; }

# stopped_process FOLDER COMMAND: a bash that runs shell COMMAND in FOLDER,
# stopped before it starts, as a launcher would be when it registers
# itself; sets STOPPED_PID. kill -CONT lets it go on.
stopped_process() {
  (cd "$1" && exec bash -c 'kill -STOP $$; eval "$1"' stopped "$2") &
  STOPPED_PID=$!
  BACKGROUND_PIDS+=("$STOPPED_PID")
  local i
  for i in $(seq 300); do
    [[ "$(sed -E 's/.*\) (.).*/\1/' "/proc/$STOPPED_PID/stat")" == T ]] && return 0
    sleep 0.1
  done
  fail "process $STOPPED_PID never stopped"
}

# make_pods A B: two "pods", network namespaces A (198.18.1.1/24) and B
# (198.18.1.2/24) with lo up, joined by a netkit pair: the pod device of
# Kubernetes' Cilium, built into Debian's 6.12, where veth is a module the
# test bed does not carry. iproute2 6.1 cannot make netkit, so rtnetlink
# is asked directly (include/uapi/linux/if_link.h, Linux 6.7).
make_pods() {
  ip netns add "$1"
  ip netns add "$2"
  python3 - "nk-$1" "nk-$2" <<'PY' || fail "netkit pair not made"
import socket, struct, sys
RTM_NEWLINK, IFLA_IFNAME, IFLA_LINKINFO, IFLA_INFO_KIND, IFLA_INFO_DATA = 16, 3, 18, 1, 2
IFLA_NETKIT_PEER_INFO, NLA_F_NESTED = 1, 0x8000
FLAGS = 0x1 | 0x4 | 0x200 | 0x400  # REQUEST, ACK, EXCL, CREATE
def attr(kind, payload):
    data = struct.pack("=HH", 4 + len(payload), kind) + payload
    return data + b"\0" * (-len(data) % 4)
ifinfo = struct.pack("=BxHiII", 0, 0, 0, 0, 0)
peer = ifinfo + attr(IFLA_IFNAME, sys.argv[2].encode() + b"\0")
data = attr(IFLA_NETKIT_PEER_INFO | NLA_F_NESTED, peer)
info = attr(IFLA_INFO_KIND, b"netkit\0") + attr(IFLA_INFO_DATA | NLA_F_NESTED, data)
body = ifinfo + attr(IFLA_IFNAME, sys.argv[1].encode() + b"\0") + attr(IFLA_LINKINFO | NLA_F_NESTED, info)
with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0) as s:
    s.send(struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK, FLAGS, 1, 0) + body)
    error = struct.unpack_from("=i", s.recv(65536), 16)[0]
    sys.exit(error and "netkit: error %d" % -error)
PY
  local pod n=1
  for pod in "$1" "$2"; do
    ip link set "nk-$pod" netns "$pod"
    ip -n "$pod" addr add "198.18.1.$n/24" dev "nk-$pod"
    ip -n "$pod" link set lo up
    ip -n "$pod" link set "nk-$pod" up
    n=$((n + 1))
  done
}

# in_pod POD CGROUP CMD...: becomes CMD in cgroup folder CGROUP and network
# namespace POD; it replaces the calling shell, so use it as a LAUNCHER of
# start_server and friends, or in ( ). nsenter rather than ip netns exec,
# which mounts a sysfs of its own over the cgroup file system.
in_pod() {
  local pod="$1"
  echo "$BASHPID" >"$2/cgroup.procs"
  shift 2
  exec nsenter --net="/run/netns/$pod" "$@"
}

# pod_kernel_sockets POD PID...: kernel_sockets from inside POD's network
# namespace: SMC_DIAG and /proc/net/tcp answer for the caller's namespace.
pod_kernel_sockets() {
  local pod="$1"
  shift
  nsenter --net="/run/netns/$pod" python3 "$GUEST_DIR/smc_kernel.py" sockets "$@" ||
    fail "smc_kernel.py sockets failed in $pod"
}

# scope_json: smc_scope -j list, checked to be JSON, into scopes.json.
scope_json() {
  scope -j list >scopes.json || fail "smc_scope -j list failed"
  python3 -c 'import json, sys; json.load(open("scopes.json"))' || fail "not JSON: $(cat scopes.json)"
}

# start_self_pair ADDRESS [LAUNCHER...]: one python3, under LAUNCHER, that
# listens on ADDRESS, connects to itself and sends itself 16 KiB (less than
# an SMC-D buffer: one thread writes, then reads) intact, then
# holds both ends open until ./release exists: a quick pair where the point
# is what the sockets became; sets PAIR_PID once they are connected.
start_self_pair() {
  local address="$1"
  shift
  rm -f release pair.out
  "$@" python3 -c 'import os, socket, sys, time
address = sys.argv[1]
family = socket.AF_INET6 if ":" in address else socket.AF_INET
server = socket.socket(family, socket.SOCK_STREAM)
server.bind((address, 0))
server.listen()
client = socket.socket(family, socket.SOCK_STREAM)
client.connect(server.getsockname()[:2])
accepted, _ = server.accept()
data, got = os.urandom(16384), b""
client.sendall(data)
while len(got) < len(data):
    got += accepted.recv(16384)
assert got == data, "other bytes came back"
print("ready", flush=True)
while not os.path.exists("release"):
    time.sleep(0.1)' "$address" >pair.out 2>pair.err &
  PAIR_PID=$!
  BACKGROUND_PIDS+=("$PAIR_PID")
  wait_for pair.out '^ready$'
}

# release_self_pair: lets it end; it must have succeeded.
release_self_pair() {
  echo go >release
  wait "$PAIR_PID" || fail "the pair failed: $(cat pair.err)"
}

# expect_self_pair SMCD|TCP SEEN WHAT: the kernel's lines (kernel_sockets)
# SEEN show the self pair PAIR_PID's listening socket and both ends of its
# connection as SMC-D sockets, or as plain TCP ones and no SMC socket.
expect_self_pair() {
  if [[ "$1" == SMCD ]]; then
    expect_match "$2" "^$PAIR_PID [0-9]+ smc LISTEN " "$3: the listening socket"
    expect_eq "$(grep -cE "^$PAIR_PID [0-9]+ smc ACTIVE SMCD " <<<"$2")" 2 "$3: the connection's ends on SMC-D"
  else
    expect_match "$2" "^$PAIR_PID [0-9]+ tcp LISTEN " "$3: the listening socket"
    expect_eq "$(grep -cE "^$PAIR_PID [0-9]+ tcp ESTABLISHED " <<<"$2")" 2 "$3: the connection's ends on TCP"
    expect_no_match "$2" "^$PAIR_PID [0-9]+ smc " "$3: SMC sockets"
  fi
}
