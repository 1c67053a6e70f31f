# Two pods, each a cgroup and a network namespace, joined by a link: with
# smc_scope add netns on pod A's namespace (its /run/netns file), a static
# Go server and client in pod A use SMC-D while the same pair in pod B
# keeps plain TCP. SMC_DIAG and /proc/net/tcp of each pod's namespace say
# so, by inode.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
cg=/sys/fs/cgroup/netns-pods.$$
mkdir -p "$cg/a" "$cg/b"
make_pods ns-a ns-b

# go_pair FOLDER POD ADDRESS: in FOLDER, the Go probe's server on ADDRESS
# and its client fetching 256 KiB from it, both in the pod, held open.
go_pair() {
  mkdir -p "$1/www" && cd "$1"
  head -c 262144 /dev/urandom >www/data
  start_go_server "$3" in_pod "$2" "$cg/${2#ns-}"
  fetch_held go in_pod "$2" "$cg/${2#ns-}" "$GUEST_DIR/go_probe" get "$(held_url "$3")" go.got
  FETCHES=()
  cd ..
}
done_go_pair() {
  cd "$1"
  FETCHES=([go]="$2")
  release_fetches
  cd ..
}

scope add netns /run/netns/ns-a
go_pair a ns-a 198.18.1.1
a_server=$SERVER_PID a_client=$CLIENT_PID
go_pair b ns-b 198.18.1.2
b_server=$SERVER_PID b_client=$CLIENT_PID
a="$(pod_kernel_sockets ns-a "$a_server" "$a_client")"
b="$(pod_kernel_sockets ns-b "$b_server" "$b_client")"
scope list | tee list.txt
done_go_pair a "$a_client"
done_go_pair b "$b_client"
echo "$a"; echo "$b"
expect_match "$a" "^$a_server [0-9]+ smc ACTIVE SMCD " "pod A's Go server"
expect_match "$a" "^$a_client [0-9]+ smc ACTIVE SMCD " "pod A's Go client"
expect_no_match "$a" " tcp " "plain TCP in pod A"
expect_match "$b" "^$b_server [0-9]+ tcp LISTEN " "pod B's Go server"
expect_match "$b" "^$b_client [0-9]+ tcp ESTABLISHED " "pod B's Go client"
expect_no_match "$b" " smc " "SMC in pod B"
expect_match "$(cat list.txt)" "netns +active +[0-9]+ +'/run/netns/ns-a' \(net:\[$(stat -L -c %i /run/netns/ns-a)\]\)" \
  "the scope in the list"
scope del netns /run/netns/ns-a
