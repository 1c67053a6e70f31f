# The same C server and client linked statically with glibc, which no
# library reaches, both under smc_run: the seccomp supervisor makes their
# sockets (its -d lines say so for each), and they talk SMC-D over
# loopback-ism: 1 MiB intact, each side's connection SMC-D by inode, no
# plain TCP socket, and exactly one client and one server SMC-D handshake
# counted. On s390x glibc makes its socket calls through socketcall(2),
# so this holds there only when the supervisor serves socketcall.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
ECHO=smc_echo_static
kernel_json counters before.json
start_echo_server tcp 127.0.0.1 "$SMC_RUN" -d
start_echo_client tcp 127.0.0.1 "$SMC_RUN" -d
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
expect_static_program "$SERVER_PID"
expect_static_program "$CLIENT_PID"
release_echo
kernel_json counters after.json
cat server.err client.err
echo "$seen"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc LISTEN " "the server's listening socket"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the client's connection"
expect_no_match "$seen" ' tcp ' "plain TCP sockets in server or client"
answer='smc: seccomp: socket\(AF_INET, SOCK_STREAM[A-Z_|]*, 0\) = [0-9]+ -> IPPROTO_SMC$'
expect_match "$(cat server.err)" "^smc_echo_static\[$SERVER_PID\]: $answer" "the supervisor's answer to the server"
expect_match "$(cat client.err)" "^smc_echo_static\[$CLIENT_PID\]: $answer" "the supervisor's answer to the client"
expect_eq "$(counter_changes before.json after.json)" \
  "stats.smcd.clnt_v2_succ_cnt +1, stats.smcd.srv_v2_succ_cnt +1" "the handshake counters that changed"
