# smc_scope add cgroup run inside a cgroup namespace, as a container with
# its own cgroup2 mount would: there the top of the mount is the
# container's cgroup, not the root, so the path names the pod's cgroup one
# level below the top while it is two below the root. A program started in
# that cgroup still gets SMC-D: the socket program looks only at the levels
# where scoped cgroups are (in_force, core/bpf/scope_maps.h), and a level
# counted from such a path would point it at the container's cgroup and
# leave the pair on TCP. SMC_DIAG says what the pair used, by inode.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
box=/sys/fs/cgroup/box-$$.slice
mkdir -p "$box/pod" view
# The container: a shell moved into the box, then a cgroup and a mount
# namespace of its own, where cgroup2 mounted on ./view shows the box as
# its top.
cat >inside.sh <<'INSIDE'
mount -t cgroup2 cgroup2 "$1" && exec "$2" --role smc_scope add cgroup "$1/pod"
INSIDE
sh -c 'echo $$ >"$0/cgroup.procs" && exec unshare -C -m bash "$@"' \
  "$box" inside.sh "$PWD/view" "$SMC_RUN" >added || fail "the add inside the namespace: $(cat added)"
cat added
expect_match "$(cat added)" "cgroup '$PWD/view/pod'" "what the add inside the namespace says"

start_self_pair 127.0.0.1 sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$box/pod"
kernel_sockets "$PAIR_PID" >seen
release_self_pair
cat seen
expect_self_pair SMCD "$(cat seen)" "a pair in the cgroup named inside the namespace"
scope clear >/dev/null
