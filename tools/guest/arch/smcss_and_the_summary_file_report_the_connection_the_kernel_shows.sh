# While a C server and client under smc_run (AF_SMC sockets, so that
# SMC_DIAG has their addresses) hold an SMC-D connection, smcss -a lists
# exactly their listening socket and two connections, each with the
# kernel's inode, state, addresses and mode (smc_kernel.py's SMC_DIAG, which
# shares no code with smcss), and -d the kernel's token and buffer sizes;
# the client's --summary-file says at its exit what the kernel showed: one
# socket, made AF_SMC, one connection, on SMC-D. On s390x both sides of
# each comparison decode a big-endian kernel.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
export SMC_SOCK_FAMILY=smc
start_echo_server tcp 127.0.0.1 "$SMC_RUN"
start_echo_client tcp 127.0.0.1 "$SMC_RUN" --summary-file "$PWD/summary.json"
smcss() { "$SMC_RUN" --role smcss "$@"; }
smcss -a >all.txt || fail "smcss -a failed"
smcss -d >debug.txt || fail "smcss -d failed"
kernel_sockets "$SERVER_PID" "$CLIENT_PID" >kernel.txt
kernel_json diag diag.json
release_echo
cat all.txt debug.txt kernel.txt summary.json
python3 - <<'PY' || fail "smcss or the summary differs from the kernel (above)"
import json, os, sys
sys.path.insert(0, os.environ["GUEST_DIR"])
from compare_with_kernel import expect_listings, smc_sockets
diag = {s["inode"]: s for s in json.load(open("diag.json"))}
listening, connections = smc_sockets("kernel.txt")
assert len(listening) == 1 and len(connections) == 2, (listening, connections)
assert all(diag[i]["mode"] == "SMCD" for i in connections), connections
expect_listings(diag, {"all": listening | connections, "debug": connections},
                listening | connections)
lines = open("summary.json").read().splitlines()
assert len(lines) == 1, lines
s = json.loads(lines[0])
assert s["program"] == "smc_echo", s
assert (s["sockets"], s["converted"], s["connections"], s["smcd"], s["fallback"]) == \
    (1, {"IPPROTO_SMC": 0, "AF_SMC": 1}, 1, 1, {}), s
print("smcss and the summary say what the kernel shows")
PY
