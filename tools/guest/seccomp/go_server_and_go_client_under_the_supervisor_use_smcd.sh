# A static Go HTTP server and a static Go client, both under smc_run (no
# library reaches them: the seccomp supervisor makes their sockets),
# exchange 1 MiB; while the connection is open SMC_DIAG lists each side's
# socket, by inode, as SMC-D, and neither holds a plain TCP socket. The
# descriptor the supervisor's answer to the server names is its listening
# SMC socket.
source "$GUEST_DIR/lib.sh"
start_go_server 127.0.0.1 "$SMC_RUN" -d
fetch_held client "$SMC_RUN" -d "$GUEST_DIR/go_probe" get "$(held_url 127.0.0.1)" client.got
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
# The last AF_INET socket the server made is its listener (Go's own probes
# of the IPv6 stack come first).
line="$(grep -E "^go_probe\[$SERVER_PID\]: smc: seccomp: socket\(AF_INET, " server.err | tail -n 1 || true)"
named="$(socket_named_by "$SERVER_PID" "$line" ' = ([0-9]+) -> ')"
release_fetches
echo "$seen"; echo "the answer's descriptor: $named"
expect_no_match "$seen" ' tcp ' "plain TCP sockets in the Go server or client"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "the server's listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the client's connection"
expect_match "$line" \
  "^go_probe\[$SERVER_PID\]: smc: seccomp: socket\(AF_INET, SOCK_STREAM\|SOCK_NONBLOCK\|SOCK_CLOEXEC, 0\) = [0-9]+ -> IPPROTO_SMC$" \
  "the supervisor's answer to the server"
expect_match "$named" "^$SERVER_PID [0-9]+ smc LISTEN " "the socket on the descriptor the answer names"
