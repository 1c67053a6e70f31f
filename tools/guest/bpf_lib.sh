# Helpers for the checks of the BPF mechanism (tools/guest/bpf): scopes,
# pods, a quick self-connected pair; sourced (it sources lib.sh). Like every
# check, they judge through smc_kernel.py; smc_scope's own list is what
# some checks test, compared against the oracle.
source "$GUEST_DIR/lib.sh"

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
    local stat=""
    read -r stat <"/proc/$STOPPED_PID/stat" || true
    [[ "$stat" =~ .*\)\ (.) && "${BASH_REMATCH[1]}" == T ]] && return 0
    nap
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
  nsenter --net="/run/netns/$pod" python3 -S "$GUEST_DIR/smc_kernel.py" sockets "$@" ||
    fail "smc_kernel.py sockets failed in $pod"
}

# scope_json: smc_scope -j list, checked to be JSON, into scopes.json.
scope_json() {
  scope -j list >scopes.json || fail "smc_scope -j list failed"
  python3 -c 'import json, sys; json.load(open("scopes.json"))' || fail "not JSON: $(cat scopes.json)"
}

# cgroup_scope PATH: the state and cgroup id of the cgroup scope added
# for PATH, as smc_scope -j list says them ("active 1234", "waiting
# None"), or "none" when there is no such scope.
cgroup_scope() {
  scope_json
  python3 -c 'import json, sys
s = [x for x in json.load(open("scopes.json"))["scopes"] if x["kind"] == "cgroup" and x["path"] == sys.argv[1]]
print(*((s[0]["state"], s[0]["cgroup_id"]) if s else ("none",)))' "$1"
}

# start_self_pair ADDRESS [LAUNCHER...]: self_pair.py under LAUNCHER, in
# this folder: a quick pair where the point is what the sockets became;
# sets PAIR_PID once they are connected.
start_self_pair() {
  local address="$1"
  shift
  rm -f release pair.out
  "$@" python3 -S "$GUEST_DIR/self_pair.py" "$address" >pair.out 2>pair.err &
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
