# -r/-t reach the SMC socket (SO_RCVBUF/SO_SNDBUF, doubled by the kernel)
# of the guest's own python3 under smc_run, and -r sizes the connection's
# receive buffer (the DMB), which SMC_DIAG shows at the client and, as its
# peer's, at the server; without -r the DMB is much smaller.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
probe='import socket; s = socket.socket(); print(s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF), s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))'
expect_eq "$("$SMC_RUN" -r 1m -t 256k python3 -c "$probe")" "2097152 524288" \
  "SO_RCVBUF and SO_SNDBUF of the SMC socket"

start_echo_server tcp 127.0.0.1 "$SMC_RUN"
start_echo_client tcp 127.0.0.1 "$SMC_RUN" -r 1m -t 256k
sized="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
sized_client="$CLIENT_PID" sized_server="$SERVER_PID"
release_echo
start_echo_server tcp 127.0.0.1 "$SMC_RUN"
start_echo_client tcp 127.0.0.1 "$SMC_RUN"
plain="$(kernel_sockets "$CLIENT_PID")"
plain_client="$CLIENT_PID"
release_echo
echo "with -r 1m -t 256k:"; echo "$sized"; echo "without:"; echo "$plain"

# Fields: pid inode smc state mode fallback peer sndbuf rmbe peer_rmbe ibdev role.
read -r _ _ _ _ mode _ _ _ rmbe _ _ _ < <(grep "^$sized_client " <<<"$sized" | grep ' ACTIVE ')
read -r _ _ _ _ _ _ _ _ default_rmbe _ _ _ < <(grep "^$plain_client " <<<"$plain" | grep ' ACTIVE ')
read -r _ _ _ _ _ _ _ _ _ server_peer_rmbe _ _ < <(grep "^$sized_server " <<<"$sized" | grep ' ACTIVE ')
expect_eq "$mode" SMCD "mode of the sized connection"
((rmbe > 1048576 - 4096 && rmbe <= 1048576)) ||
  fail "the client's receive buffer with -r 1m is $rmbe bytes, not about 1 MiB"
((default_rmbe * 4 < rmbe)) ||
  fail "receive buffer without -r ($default_rmbe) is not much smaller than with -r 1m ($rmbe)"
expect_eq "$server_peer_rmbe" "$rmbe" "the server's view of the client's receive buffer"
