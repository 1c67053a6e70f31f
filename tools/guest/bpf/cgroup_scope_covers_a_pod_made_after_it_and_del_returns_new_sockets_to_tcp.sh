# A pod (a cgroup and a network namespace) made under a scoped cgroup
# after smc_scope add cgroup: its sockets are made SMC and its connection
# is on SMC-D; after smc_scope del, its new sockets are plain TCP.
# SMC_DIAG and /proc/net/tcp of the pod's namespace say so, by inode.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
pods=/sys/fs/cgroup/later-pods.$$
mkdir "$pods"
scope add cgroup "$pods"

mkdir "$pods/c"
ip netns add later-c && ip -n later-c link set lo up
mkdir before && cd before
start_self_pair 127.0.0.1 in_pod later-c "$pods/c"
seen="$(pod_kernel_sockets later-c "$PAIR_PID")"
release_self_pair
cd ..
echo "$seen"
expect_self_pair SMCD "$seen" "the new pod"

scope del cgroup "$pods"
mkdir after && cd after
start_self_pair 127.0.0.1 in_pod later-c "$pods/c"
after="$(pod_kernel_sockets later-c "$PAIR_PID")"
release_self_pair
cd ..
echo "$after"
expect_self_pair TCP "$after" "the pod after del"
