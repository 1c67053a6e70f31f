# A dynamic C server and client of the guest's architecture (tools/probes/
# smc_echo.c making plain TCP sockets), both under smc_run, talk SMC-D over
# loopback-ism: the library smc_run embeds is mapped into each (it is what
# reaches a dynamic program; on s390x it runs big-endian), 1 MiB comes back
# intact, the kernel (smc_kernel.py, by inode) shows each side's connection
# as SMC-D and no plain TCP socket, and its SMC-D counters grew by exactly
# one client and one server handshake.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
kernel_json counters before.json
start_echo_server tcp 127.0.0.1 "$SMC_RUN"
start_echo_client tcp 127.0.0.1 "$SMC_RUN"
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
expect_own_dynamic_program "$SERVER_PID"
expect_own_dynamic_program "$CLIENT_PID"
expect_library_in "$SERVER_PID"
expect_library_in "$CLIENT_PID"
release_echo
kernel_json counters after.json
echo "$seen"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "the server's listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the client's connection"
expect_no_match "$seen" ' tcp ' "plain TCP sockets in server or client"
expect_eq "$(counter_changes before.json after.json)" \
  "stats.smcd.clnt_v2_succ_cnt +1, stats.smcd.srv_v2_succ_cnt +1" "the handshake counters that changed"
