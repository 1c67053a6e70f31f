# A pod, a cgroup and a network namespace: smc_scope add netns naming a
# process in it (by pid) gives its new sockets SMC (SMC_DIAG: a quick pair
# on SMC-D); smc_scope del netns naming the pod's /run/netns file returns
# them to plain TCP (/proc/net/tcp). Both by inode, in the pod's namespace.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
cg=/sys/fs/cgroup/netns-del.$$
mkdir -p "$cg/a"
make_pods del-a del-b
(in_pod del-a "$cg/a" sleep 120) &
sleep_pid=$!
BACKGROUND_PIDS+=("$sleep_pid")
for i in $(seq 300); do
  [[ "$(stat -L -c %i "/proc/$sleep_pid/ns/net")" == "$(stat -L -c %i /run/netns/del-a)" ]] && break
  sleep 0.1
done
scope add netns "$sleep_pid"
mkdir before && cd before
start_self_pair 198.18.1.1 in_pod del-a "$cg/a"
seen="$(pod_kernel_sockets del-a "$PAIR_PID")"
release_self_pair
cd ..
echo "$seen"
expect_self_pair SMCD "$seen" "the pod"

scope del netns /run/netns/del-a
mkdir after && cd after
start_self_pair 198.18.1.1 in_pod del-a "$cg/a"
after="$(pod_kernel_sockets del-a "$PAIR_PID")"
release_self_pair
cd ..
echo "$after"
expect_self_pair TCP "$after" "the pod after del"
expect_no_match "$(scope list)" "netns" "a netns scope after del"
