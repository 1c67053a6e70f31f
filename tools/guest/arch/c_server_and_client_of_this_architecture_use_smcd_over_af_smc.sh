# A dynamic C server and client of the guest's own architecture, making
# AF_SMC sockets themselves (no smc_run), talk SMC-D over loopback-ism:
# 1 MiB comes back intact; the kernel, read by smc_kernel.py with the
# guest's own python3 (SMC_DIAG, matched by inode), shows the server's
# connection and the client's as SMC-D with buffer sizes SMC-D can have, and
# its SMC-D counters grew by exactly one client and one server handshake.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
kernel_json counters before.json
start_echo_server smc 127.0.0.1
start_echo_client smc 127.0.0.1
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
expect_own_dynamic_program "$SERVER_PID"
expect_own_dynamic_program "$CLIENT_PID"
release_echo
kernel_json counters after.json
echo "$seen"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "the server's listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD 0x00000000 0x00000000 " "the server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD 0x00000000 0x00000000 " "the client's connection"
expect_no_match "$seen" ' tcp ' "plain TCP sockets in server or client"
# An SMC-D receive buffer (RMBE) is 16 KiB to 1 MiB less its CDC header
# (net/smc/smc_core.c: SMCD_DMBE_SIZES, smcd_new_buf_create); a size decoded
# in the wrong byte order would be far off.
rmbe="$(awk -v p="$CLIENT_PID" '$1 == p && $4 == "ACTIVE" {print $9}' <<<"$seen")"
((rmbe > 8192 && rmbe <= 1048576)) || fail "the client's RMBE size is $rmbe bytes, not 16 KiB to 1 MiB less a header"
expect_eq "$(counter_changes before.json after.json)" \
  "stats.smcd.clnt_v2_succ_cnt +1, stats.smcd.srv_v2_succ_cnt +1" "the handshake counters that changed"
