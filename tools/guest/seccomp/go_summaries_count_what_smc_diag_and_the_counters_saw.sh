# --summary-file for a static Go server and a static Go client that the
# seccomp supervisor serves: each process's JSON line counts its SMC-D
# connection, as SMC_DIAG shows that connection by inode while it is open
# and as the kernel's own counters count the handshakes (one client and one
# server SMC-D success, nothing else). The server's line comes although a
# signal ends it; -d says each connection's outcome as SMC_DIAG does for
# the socket on the descriptor each line names.
source "$GUEST_DIR/lib.sh"
# supervisor_of FILE: the pid of the supervisor smc_run -d reported in FILE.
supervisor_of() { sed -nE 's/^smc_run\[[0-9]+\]: seccomp supervisor ([0-9]+) serves .*/\1/p' "$1"; }
# gone PID: waits (30 s at most) until the process has ended.
gone() {
  local i
  for i in $(seq 300); do [[ -d "/proc/$1" ]] || return 0; sleep 0.1; done
  fail "process $1 is still there"
}

kernel_json counters counters.before
report=(-d --summary-file "$PWD/summary.json")
start_go_server 127.0.0.1 "$SMC_RUN" "${report[@]}"
fetch_held client "$SMC_RUN" "${report[@]}" "$GUEST_DIR/go_probe" get \
  "$(held_url 127.0.0.1)" client.got
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
echo "$seen"
# Held open until the supervisors (looking every 0.1 s) have seen both ends.
connection='smc: seccomp: connection on fd ([0-9]+), '
wait_for client.err "$connection"
wait_for server.err "$connection"
client_socket="$(socket_named_by "$CLIENT_PID" "$(grep -E "$connection" client.err)" "$connection")"
server_socket="$(socket_named_by "$SERVER_PID" "$(grep -E "$connection" server.err)" "$connection")"
echo "kernel: the client's: $client_socket; the server's: $server_socket"
release_fetches
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
gone "$(supervisor_of client.err)"
gone "$(supervisor_of server.err)"
kernel_json counters counters.after
cat summary.json client.err server.err

expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD " "SMC_DIAG: the server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD " "SMC_DIAG: the client's connection"
expect_eq "$(counter_changes counters.before counters.after)" \
  "stats.smcd.clnt_v2_succ_cnt +1, stats.smcd.srv_v2_succ_cnt +1" "the kernel's SMC counters"
expect_eq "$(python3 - summary.json "$SERVER_PID" "$CLIENT_PID" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
by_pid = {str(l["pid"]): l for l in lines}
for pid in sys.argv[2:]:
    l = by_pid[pid]
    print(l["program"], l["converted"]["IPPROTO_SMC"] >= 1, l["connections"], l["smcd"],
          l["smcr"], l["fallback"])
print(len(lines))
PY
)" "go_probe True 1 1 0 {}
go_probe True 1 1 0 {}
2" "the summaries: one SMC-D connection each, as the kernel counted"
expect_match "$client_socket" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " \
  "the kernel's word on the descriptor the client's outcome line names"
expect_match "$server_socket" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " \
  "the kernel's word on the descriptor the server's outcome line names"
expect_match "$(cat client.err)" \
  "^go_probe\[$CLIENT_PID\]: smc: seccomp: connection on fd [0-9]+, [^ ]*:[0-9]+ -> [^ ]*:$PORT: SMC-D$" \
  "the client's outcome line"
expect_match "$(cat server.err)" \
  "^go_probe\[$SERVER_PID\]: smc: seccomp: connection on fd [0-9]+, [^ ]*:$PORT -> [^ ]*:[0-9]+: SMC-D$" \
  "the server's outcome line"
