# smc_run --mechanism bpf: a static Go server and client, each under its
# own smc_run, exchange 1 MiB over SMC-D (SMC_DIAG, by inode); a python3
# pair started at the same time without smc_run stays on plain TCP
# (/proc/net/tcp). While they run, each launch is a tree scope of the
# pinned maps (bpftool, an independent look, and smc_scope list, which
# marks it launched); once they have ended, the maps hold no entry more
# than before: the kernel removed each launch's tree and scope.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
# entries MAP: how many entries the pinned map has, by bpftool (0 when
# there is no state yet).
entries() {
  [[ -e "/sys/fs/bpf/smc_run/$1" ]] || { echo 0; return; }
  bpftool map dump pinned "/sys/fs/bpf/smc_run/$1" | sed -n 's/^Found \([0-9]*\) element.*/\1/p'
}
scopes_before="$(entries scopes)" tasks_before="$(entries tree_tasks)"
mkdir go outside
cd go
start_go_server 127.0.0.1 "$SMC_RUN" --mechanism bpf
fetch_held go "$SMC_RUN" --mechanism bpf "$GUEST_DIR/go_probe" get "$(held_url 127.0.0.1)" go.got
cd ../outside
start_self_pair 127.0.0.1
cd ..
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID" "$PAIR_PID")"
scopes_during="$(entries scopes)"
scope_json
cd go
release_fetches
cd ../outside
release_self_pair
cd ..
kill "$SERVER_PID"
wait "$SERVER_PID" || true
echo "$seen"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "the Go server's listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the Go server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the Go client's connection"
expect_no_match "$seen" "^($SERVER_PID|$CLIENT_PID) [0-9]+ tcp " "plain TCP under smc_run"
expect_self_pair TCP "$seen" "the program outside"
expect_eq "$scopes_during" "$((scopes_before + 2))" "scopes while the two launches run (bpftool)"
for pid in "$SERVER_PID" "$CLIENT_PID"; do
  python3 - "$pid" <<'PY' || fail "no launched tree scope for $pid: $(cat scopes.json)"
import json, sys
pid = int(sys.argv[1])
found = [s for s in json.load(open("scopes.json"))["scopes"] if s["kind"] == "tree" and s["pid"] == pid]
assert len(found) == 1 and found[0]["launched"] and found[0]["state"] == "active", found
PY
done
# The kernel removes a launch's tree as its processes end, then its scope.
for _ in $(seq 50); do
  [[ "$(entries scopes)" == "$scopes_before" && "$(entries tree_tasks)" == "$tasks_before" ]] && break
  sleep 0.1
done
expect_eq "$(entries scopes)" "$scopes_before" "scopes after the launches ended (bpftool)"
expect_eq "$(entries tree_tasks)" "$tasks_before" "tree members after the launches ended (bpftool)"
