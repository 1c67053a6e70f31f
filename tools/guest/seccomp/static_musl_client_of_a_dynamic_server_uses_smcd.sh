# A statically linked musl client under smc_run (served by the seccomp
# supervisor) fetches 1 MiB from a dynamic python3 server under smc_run
# (served by the library): the connection is SMC-D on both sides, as
# SMC_DIAG reports by inode.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"
fetch_held client "$SMC_RUN" -d "$GUEST_DIR/seccomp_probe_musl" get 127.0.0.1 \
  "$PORT" /hold/data client.got
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "$seen"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the python3 server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the musl client's connection"
expect_no_match "$seen" "^$CLIENT_PID [0-9]+ tcp " "plain TCP in the musl client"
expect_contains "$(cat client.err)" "mechanism: the seccomp supervisor, because" "the mechanism"
