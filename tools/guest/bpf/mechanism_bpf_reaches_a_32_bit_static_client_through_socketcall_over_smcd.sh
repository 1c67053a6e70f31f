# A 32-bit static client with no libc that makes its socket through
# socketcall(2) (tools/probes/socketcall_probe: no library reaches it, and
# the seccomp filter lets another ABI's calls pass), under smc_run
# --mechanism bpf, fetches 1 MiB from a python3 server under smc_run: the
# client's connection is SMC-D on both ends, SMC_DIAG says by inode. Under
# --mechanism bpf smc_run starts no supervisor, so it is the hook that
# reached it; the same client under --mechanism seccomp is SMC-D too, its
# socketcall(2) now served by the supervisor (README: Platforms).
source "$GUEST_DIR/bpf_lib.sh"
bpf_ready
start_server 127.0.0.1 "$SMC_RUN"
fetch_held bpf "$SMC_RUN" --mechanism bpf "$GUEST_DIR/socketcall_probe" "$PORT" bpf.got
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "$seen"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the 32-bit client's connection"
expect_no_match "$seen" "^$CLIENT_PID [0-9]+ tcp " "plain TCP in the 32-bit client"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the server's end"

fetch_held seccomp "$SMC_RUN" --mechanism seccomp "$GUEST_DIR/socketcall_probe" "$PORT" seccomp.got
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "$seen"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the client under the seccomp supervisor"
expect_no_match "$seen" "^$CLIENT_PID [0-9]+ tcp " "plain TCP in the client under the seccomp supervisor"
