# smc_run --mechanism bpf with dynamic programs: a python3 server and curl,
# each under its own smc_run, exchange 1 MiB over SMC-D (SMC_DIAG, by
# inode); the library is still given to them, so the server's -d lines
# come: the launcher's line naming its tree scope, and the accept line,
# whose descriptor is the socket the kernel says is SMC-D.
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
start_server 127.0.0.1 "$SMC_RUN" -d --mechanism bpf
curl_held curl "$(held_url 127.0.0.1)" "$SMC_RUN" --mechanism bpf
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
outcome_sockets
release_fetches
echo "$seen"
cat server.err
expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "the server's listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "curl's connection"
expect_no_match "$seen" " tcp " "plain TCP sockets"
expect_match "$(cat server.err)" "BPF: tree scope [0-9]+ holds this process" "the launcher's -d line"
expect_match "$SERVER_SOCKET" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD " "the socket the accept line names"
