# smc_scope clear, with a tree, a cgroup and a network namespace scope in
# force: afterwards bpffs holds what it held before the first add, the
# kernel has no program of smc_run loaded and no link of its kind left
# (bpftool, an independent look), and the tree's next TCP socket is plain
# TCP (/proc/net/tcp, by inode), where its first one was SMC (SMC_DIAG).
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
names='^(socket_protocol|process_fork|process_exit|cgroup_mkdir)$'
ours() {  # the ids of loaded programs with our programs' names
  bpftool -j prog list | python3 -c 'import json, re, sys
print(*sorted(p["id"] for p in json.load(sys.stdin) if re.match(sys.argv[1], p.get("name", ""))))' "$names"
}
scope clear
before="$(ls -A /sys/fs/bpf)"
expect_eq "$(ours)" "" "our programs before the first add"

cat >hold.py <<'PY'
import os, socket, sys, time
s = socket.socket()
print(s.fileno(), flush=True)
while not os.path.exists("again"):
    time.sleep(0.1)
t = socket.socket()
t.bind(("127.0.0.1", 0))
t.listen()  # /proc/net/tcp lists only bound sockets
print("again", flush=True)
time.sleep(60)
PY
stopped_process . 'exec python3 hold.py >out'
tree="$STOPPED_PID"
mkdir /sys/fs/cgroup/clear-$$
ip netns add clear-$$
scope add tree "$tree"
scope add cgroup /sys/fs/cgroup/clear-$$
scope add netns /run/netns/clear-$$
kill -CONT "$tree"
wait_for out '^[0-9]+$'
expect_match "$(kernel_sockets "$tree")" "^$tree [0-9]+ smc INIT " "the tree's socket before clear"
expect_match "$(ours)" "^[0-9]+ [0-9]+ [0-9]+ [0-9]+$" "our four programs while scopes are in force"

scope clear | tee cleared
expect_match "$(cat cleared)" "^removed /sys/fs/bpf/smc_run \(the BPF programs are detached\): " "clear"
expect_eq "$(ls -A /sys/fs/bpf)" "$before" "bpffs after clear"
expect_eq "$(ours)" "" "our programs after clear"
expect_no_match "$(bpftool link list)" "sched_process_fork|sched_process_exit|cgroup_mkdir|modify_return" \
  "links after clear"
expect_eq "$(scope list)" "no scopes (no BPF programs of smc_run are loaded)" "list after clear"
echo go >again
wait_for out '^again$'
seen="$(kernel_sockets "$tree")"
echo "$seen"
expect_match "$seen" "^$tree [0-9]+ tcp LISTEN " "the tree's new socket after clear"
