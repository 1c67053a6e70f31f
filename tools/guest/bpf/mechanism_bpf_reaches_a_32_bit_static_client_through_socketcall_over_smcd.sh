# A 32-bit x86 static client (tools/probes:seccomp_probe_i386, glibc,
# which makes every socket call through socketcall(2); the 64-bit library
# cannot load into it) under smc_run --mechanism bpf fetches 1 MiB from a
# python3 server under smc_run: the client's connection is SMC-D on both
# ends, SMC_DIAG says by inode. Under --mechanism bpf smc_run starts no
# supervisor, so it is the hook, which socketcall's SYS_SOCKET reaches
# (net/socket.c, __sys_socket), that reached it; the same client under
# --mechanism seccomp is SMC-D too, its socketcall(2) served by the
# supervisor (README: Platforms).
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
start_server 127.0.0.1 "$SMC_RUN"
probe="$GUEST_DIR/seccomp_probe_i386"
fetch_held bpf "$SMC_RUN" --mechanism bpf "$probe" get 127.0.0.1 "$PORT" /hold/data bpf.got
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "$seen"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the 32-bit client's connection"
expect_no_match "$seen" "^$CLIENT_PID [0-9]+ tcp " "plain TCP in the 32-bit client"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the server's end"

fetch_held seccomp "$SMC_RUN" --mechanism seccomp "$probe" get 127.0.0.1 "$PORT" /hold/data seccomp.got
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "$seen"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the client under the seccomp supervisor"
expect_no_match "$seen" "^$CLIENT_PID [0-9]+ tcp " "plain TCP in the client under the seccomp supervisor"
