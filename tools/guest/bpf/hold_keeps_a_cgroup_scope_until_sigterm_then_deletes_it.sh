# smc_scope --hold add cgroup, as the Kubernetes DaemonSet's container runs
# it: it says at once what it added and stays; a pod made below the
# cgroup meanwhile gets SMC-D (SMC_DIAG, by inode); SIGTERM ends it with
# status 0 after deleting the scope, and the next pod's sockets are TCP.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
pods=/sys/fs/cgroup/held-pods.$$
mkdir -p "$pods/one" "$pods/two"
# smc_run itself in the background (a function would put a subshell between).
"$SMC_RUN" --role smc_scope --hold add cgroup "$pods" >held.out &
held=$!
BACKGROUND_PIDS+=("$held")
wait_for held.out "^scope [0-9]+: cgroup '$pods' and every cgroup below it"
( echo "$BASHPID" >"$pods/one/cgroup.procs" && exec python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); print("made", flush=True); input()' ) >one.out < <(sleep 60) &
one=$!
BACKGROUND_PIDS+=("$one")
wait_for one.out '^made$'
seen="$(kernel_sockets "$one")"
kill -TERM "$held"
wait "$held" || fail "smc_scope --hold ended with an error: $(cat held.out)"
cat held.out
( echo "$BASHPID" >"$pods/two/cgroup.procs" && exec python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); print("made", flush=True); input()' ) >two.out < <(sleep 60) &
two=$!
BACKGROUND_PIDS+=("$two")
wait_for two.out '^made$'
after="$(kernel_sockets "$two")"
echo "$seen"; echo "$after"
expect_match "$seen" "^$one [0-9]+ smc LISTEN " "the socket made while held"
expect_match "$(tail -1 held.out)" "^deleted scope [0-9]+: cgroup '$pods' " "the line at SIGTERM"
expect_no_match "$after" " smc " "SMC sockets after the hold ended"
expect_match "$after" "^$two [0-9]+ tcp LISTEN " "the socket made after the hold ended"
