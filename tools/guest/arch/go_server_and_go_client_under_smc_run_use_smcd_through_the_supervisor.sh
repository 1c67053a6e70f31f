# A static Go HTTP server and Go client of the guest's architecture (no
# cgo: Go makes its own system calls, which no library reaches), both
# under smc_run, exchange 1 MiB through the seccomp supervisor: while the
# connection is open the kernel shows each side's connection as SMC-D by
# inode and neither holds a plain TCP socket; the SMC-D counters count
# exactly that one connection. On s390x Go calls socketcall(2) too.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
kernel_json counters before.json
start_go_server 127.0.0.1 "$SMC_RUN" -d
fetch_held client "$SMC_RUN" -d "$GUEST_DIR/go_probe" get "$(held_url 127.0.0.1)" client.got
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
expect_static_program "$SERVER_PID"
release_fetches
kernel_json counters after.json
cat server.err client.err
echo "$seen"
expect_no_match "$seen" ' tcp ' "plain TCP sockets in the Go server or client"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "the server's listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the client's connection"
expect_eq "$(counter_changes before.json after.json)" \
  "stats.smcd.clnt_v2_succ_cnt +1, stats.smcd.srv_v2_succ_cnt +1" "the handshake counters that changed"
