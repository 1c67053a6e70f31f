# A static Go HTTP server and a static Go client, both under smc_run (no
# library reaches them: the seccomp supervisor makes their sockets),
# exchange 1 MiB; while the connection is open SMC_DIAG lists each side's
# socket, by inode, as SMC-D, and neither holds a plain TCP socket.
source "$GUEST_DIR/lib.sh"
start_go_server 127.0.0.1 "$SMC_RUN" -d
start_probe_fetch "$SMC_RUN" -d "$GUEST_DIR/go_probe" get \
  "http://127.0.0.1:$PORT/hold/data" got
seen="$(sockets "$SERVER_PID" "$CLIENT_PID")"
release_probe_fetch
echo "$seen"
expect_no_match "$seen" ' tcp$' "plain TCP sockets in the Go server or client"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "the server's listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD " "the server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD " "the client's connection"
expect_match "$(cat server.err)" \
  "^go_probe\[$SERVER_PID\]: smc: seccomp: socket\(AF_INET, SOCK_STREAM\|SOCK_NONBLOCK\|SOCK_CLOEXEC, 0\) = [0-9]+ -> IPPROTO_SMC$" \
  "the supervisor's answer to the server"
