# The other two ways a program asks for SMC reach SMC-D over loopback-ism on
# the guest's architecture as well: AF_SMC over IPv6 (SMCPROTO_SMC6), and
# IPPROTO_SMC sockets of AF_INET6 and AF_INET; each 1 MiB echo comes back
# intact, both ends SMC-D by inode, and the SMC-D counters count exactly
# those three connections.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
kernel_json counters before.json
for kind_address in smc,::1 ipproto-smc,::1 ipproto-smc,127.0.0.1; do
  kind="${kind_address%%,*}" address="${kind_address#*,}"
  start_echo_server "$kind" "$address"
  start_echo_client "$kind" "$address"
  seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
  release_echo
  echo "$kind over $address:"
  echo "$seen"
  expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD 0x00000000 0x00000000 " "$kind over $address: the server's connection"
  expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD 0x00000000 0x00000000 " "$kind over $address: the client's connection"
  expect_no_match "$seen" ' tcp ' "$kind over $address: plain TCP sockets"
done
kernel_json counters after.json
expect_eq "$(counter_changes before.json after.json)" \
  "stats.smcd.clnt_v2_succ_cnt +3, stats.smcd.srv_v2_succ_cnt +3" "the handshake counters that changed"
