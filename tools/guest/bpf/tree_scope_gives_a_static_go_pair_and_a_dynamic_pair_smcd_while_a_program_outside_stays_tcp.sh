# smc_scope add tree PID, made before PID runs anything (as a launcher
# registers itself before exec): a static Go server and client, and a
# python3 server and curl, all started by PID, exchange 256 KiB over SMC-D,
# SMC_DIAG says by inode; a python3 program started at the same time
# outside the tree connects to itself over plain TCP, /proc/net/tcp says.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
mkdir go py outside
cat >tree.sh <<'TREE'
source "$GUEST_DIR/bpf_lib.sh"
mkdir -p go/www py/www
head -c 262144 /dev/urandom | tee go/www/data >py/www/data
(cd go && start_go_server 127.0.0.1 &&
  fetch_held go "$GUEST_DIR/go_probe" get "$(held_url 127.0.0.1)" go.got &&
  echo "$SERVER_PID $CLIENT_PID" >pids && wait_for ../release . && release_fetches) &
go=$!
(cd py && start_server 127.0.0.1 && curl_held curl "$(held_url 127.0.0.1)" &&
  echo "$SERVER_PID $CLIENT_PID" >pids && wait_for ../release . && release_fetches) &
py=$!
wait "$go" && wait "$py"
TREE
stopped_process . "exec bash tree.sh"
root="$STOPPED_PID"
scope add tree "$root" | tee added
expect_match "$(cat added)" "^scope [0-9]+: process $root 'bash' and the children it makes from now on" "add"
kill -CONT "$root"
cd outside
start_self_pair 127.0.0.1
cd ..
wait_for go/pids . && wait_for py/pids .
read -r go_server go_client <go/pids
read -r py_server py_client <py/pids
seen="$(kernel_sockets "$go_server" "$go_client" "$py_server" "$py_client" "$PAIR_PID")"
echo go >release
cd outside
release_self_pair
cd ..
wait "$root" || fail "a pair in the tree failed (its output is above)"
echo "$seen"
for pid in "$go_server" "$py_server"; do
  expect_match "$seen" "^$pid [0-9]+ smc LISTEN " "listening socket of server $pid"
  expect_match "$seen" "^$pid [0-9]+ smc ACTIVE SMCD " "connection of server $pid"
done
for pid in "$go_client" "$py_client"; do
  expect_match "$seen" "^$pid [0-9]+ smc ACTIVE SMCD " "connection of client $pid"
done
expect_no_match "$seen" "^($go_server|$go_client|$py_server|$py_client) [0-9]+ tcp " "plain TCP in the tree"
expect_self_pair TCP "$seen" "the program outside the tree"
scope del tree "$root"
