# Two pods, each a cgroup and a network namespace, joined by a link
# (198.18.1.1, 198.18.1.2): with smc_scope add cgroup on the cgroup above
# pod A's, a python3 server and curl in pod A use SMC-D while the same pair
# in pod B keeps plain TCP, and B's curl still reaches A's server over the
# link. SMC_DIAG and /proc/net/tcp of each pod's namespace say so, by inode.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
smc=/sys/fs/cgroup/smc-pods.$$ tcp=/sys/fs/cgroup/tcp-pods.$$
mkdir -p "$smc/a" "$tcp/b"
make_pods cg-a cg-b

# pair FOLDER POD CGROUP ADDRESS: in FOLDER, a python3 server on ADDRESS
# and curl fetching 256 KiB from it, both in the pod, held open; sets
# SERVER_PID, CLIENT_PID, PORT. done_pair FOLDER CLIENT: ends that fetch,
# checks its bytes (each folder has its own held fetch, "curl").
pair() {
  mkdir -p "$1/www" && cd "$1"
  head -c 262144 /dev/urandom >www/data
  start_server "$4" in_pod "$2" "$3"
  curl_held curl "$(held_url "$4")" in_pod "$2" "$3"
  FETCHES=()
  cd ..
}
done_pair() {
  cd "$1"
  FETCHES=([curl]="$2")
  release_fetches
  cd ..
}

scope add cgroup "$smc"
pair a cg-a "$smc/a" 198.18.1.1
a_server=$SERVER_PID a_client=$CLIENT_PID a_port=$PORT
pair b cg-b "$tcp/b" 198.18.1.2
b_server=$SERVER_PID b_client=$CLIENT_PID
a="$(pod_kernel_sockets cg-a "$a_server" "$a_client")"
b="$(pod_kernel_sockets cg-b "$b_server" "$b_client")"
done_pair a "$a_client"
done_pair b "$b_client"
echo "$a"; echo "$b"
expect_match "$a" "^$a_server [0-9]+ smc LISTEN " "pod A's server"
expect_match "$a" "^$a_server [0-9]+ smc ACTIVE SMCD " "pod A's server's connection"
expect_match "$a" "^$a_client [0-9]+ smc ACTIVE SMCD " "pod A's curl"
expect_no_match "$a" " tcp " "plain TCP in pod A"
expect_match "$b" "^$b_server [0-9]+ tcp LISTEN " "pod B's server"
expect_match "$b" "^$b_client [0-9]+ tcp ESTABLISHED " "pod B's curl"
expect_no_match "$b" " smc " "SMC in pod B"

# B's plain curl reaches A's SMC server over the link (it falls back).
(in_pod cg-b "$tcp/b" curl -sS --max-time 60 -o across "http://198.18.1.1:$a_port/data") ||
  fail "pod B's curl could not reach pod A's server"
cmp -s a/www/data across || fail "pod B's curl got other bytes than pod A's server sent"

scope del cgroup "$smc"
