# smc_scope --hold add cgroup as the Kubernetes DaemonSet's container runs
# it (tools/kubernetes): the image's entrypoint with the manifest's args,
# as PID 1 of its own PID namespace, in a network namespace of its own,
# with CAP_BPF and CAP_PERFMON alone and no_new_privs, beside the node's
# bpffs and the node's cgroup tree mounted read-only at host/cgroup.
#   - With no state before it, it makes the state, says at once what it
#     added and stays; a pod made below the cgroup meanwhile gets SMC-D
#     (SMC_DIAG, by inode); SIGTERM to it (what deleting the pod sends its
#     PID 1) ends it with status 0 after deleting the scope, and the next
#     pod's sockets are TCP.
#   - A SIGTERM that comes while its add still runs (here: waits for the
#     state's lock, which the check holds) is not lost: the scope is
#     deleted as soon as it is added, and it ends with status 0.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
scope clear >/dev/null
pods="kubepods-$$.slice"
mkdir -p "/sys/fs/cgroup/$pods/one" "/sys/fs/cgroup/$pods/two" host/cgroup
added="^scope [0-9]+: cgroup '$PWD/host/cgroup/$pods' and every cgroup below it"
deleted="^deleted scope [0-9]+: cgroup '$PWD/host/cgroup/$pods' "

# start_container OUT: the container, its output in OUT; sets CONTAINER
# (unshare) and HELD (smc_run, PID 1 inside). unshare makes its namespaces
# and mounts; setpriv leaves it the two capabilities (the bounding set is
# what root keeps across exec) and sets no_new_privs
# (allowPrivilegeEscalation: false).
start_container() {
  unshare --pid --fork --mount-proc --net --propagation private --kill-child=SIGKILL \
    bash -c 'mount --bind /sys/fs/cgroup host/cgroup && mount -o remount,bind,ro host/cgroup &&
exec setpriv --bounding-set=-all,+bpf,+perfmon --inh-caps=-all --no-new-privs -- \
  "$SMC_RUN" --role smc_scope --hold add cgroup "$PWD/host/cgroup/$0"' "$pods" >"$1" 2>&1 &
  CONTAINER=$!
  BACKGROUND_PIDS+=("$CONTAINER")
  HELD=""
  for _ in $(seq 300); do
    HELD="$(pgrep -P "$CONTAINER" || true)"
    [[ -z "$HELD" ]] || break
    nap
  done
  [[ -n "$HELD" ]] || fail "the container never started: $(cat "$1")"
  BACKGROUND_PIDS+=("$HELD")
}
# pod NAME: a listening socket made in the pod cgroup NAME; sets POD_PID.
pod() {
  (echo "$BASHPID" >"/sys/fs/cgroup/$pods/$1/cgroup.procs" &&
    exec python3 -S -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); print("made", flush=True); input()') \
    >"$1.out" < <(sleep 60) &
  POD_PID=$!
  BACKGROUND_PIDS+=("$POD_PID")
  wait_for "$1.out" '^made$'
}

start_container held.out
wait_for held.out "$added"
# What the kernel says the held process is: PID 1 of its namespace, with
# the two capabilities alone (CAP_PERFMON 38, CAP_BPF 39:
# include/uapi/linux/capability.h) and no_new_privs.
grep -E '^(NSpid|CapEff|CapPrm|NoNewPrivs):' "/proc/$HELD/status" | tee status
expect_match "$(cat status)" "^NSpid:[[:space:]]+$HELD[[:space:]]+1$" "its pid in the container"
expect_match "$(cat status)" "^CapEff:[[:space:]]+000000c000000000$" "its effective capabilities"
expect_match "$(cat status)" "^CapPrm:[[:space:]]+000000c000000000$" "its permitted capabilities"
expect_match "$(cat status)" "^NoNewPrivs:[[:space:]]+1$" "no_new_privs"
expect_match "$(awk -v m="$PWD/host/cgroup" '$5 == m {print $6}' "/proc/$HELD/mountinfo")" "^ro," \
  "the cgroup tree's mount in the container"

pod one
seen="$(kernel_sockets "$POD_PID")"
kill -TERM "$HELD"
wait "$CONTAINER" || fail "the container ended with an error: $(cat held.out)"
cat held.out
pod two
after="$(kernel_sockets "$POD_PID")"
echo "$seen"; echo "$after"
expect_match "$seen" " smc LISTEN " "the socket made while held"
expect_match "$(tail -1 held.out)" "$deleted" "the line at SIGTERM"
expect_no_match "$after" " smc " "SMC sockets after the hold ended"
expect_match "$after" " tcp LISTEN " "the socket made after the hold ended"

# The state's lock (pinned_state.h: flock on its folder) held here, so the
# container's add waits; /proc/locks lists it as a waiter ("->") by pid.
exec {lock}</sys/fs/bpf/smc_run
flock -x "$lock"
start_container early.out
for _ in $(seq 300); do
  grep -qE "^[0-9]+: -> FLOCK +ADVISORY +WRITE +$HELD " /proc/locks && break
  nap
done
grep -E "^[0-9]+: -> FLOCK +ADVISORY +WRITE +$HELD " /proc/locks ||
  fail "the container's add never waited for the lock: $(cat /proc/locks)"
kill -TERM "$HELD"
flock -u "$lock"
exec {lock}<&-
for _ in $(seq 300); do
  kill -0 "$CONTAINER" 2>/dev/null || break
  nap
done
kill -0 "$CONTAINER" 2>/dev/null && fail "a SIGTERM during the add was lost: $(cat early.out)"
wait "$CONTAINER" || fail "the container ended with an error: $(cat early.out)"
cat early.out
expect_match "$(head -1 early.out)" "$added" "the early SIGTERM's add"
expect_match "$(tail -1 early.out)" "$deleted" "the line at the early SIGTERM"
expect_no_match "$(scope list)" "$PWD/host/cgroup/$pods" "the list after the early SIGTERM"
