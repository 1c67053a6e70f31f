# smcss shows connections by default, listening sockets with -a or -l only,
# SMC-D ones with -D, and none with -R (no SMC-R here); -d adds buffers.
# For the server's and curl's sockets each listing holds exactly the ones
# its option selects, by the kernel's word (smc_kernel.py), each with the
# kernel's state, addresses and mode, and with -d its token and buffer
# sizes.
source "$GUEST_DIR/lib.sh"
# AF_SMC sockets: for IPPROTO_SMC ones, Linux 6.12's SMC_DIAG fills in the
# ports but not the addresses this check looks for.
export SMC_SOCK_FAMILY=smc
start_server 127.0.0.1 "$SMC_RUN"
curl_held curl "$(held_url 127.0.0.1)" "$SMC_RUN"
smcss() { "$SMC_RUN" --role smcss "$@"; }
smcss >default.txt; smcss -a >all.txt; smcss -l >listening.txt
smcss -D >smcd.txt; smcss -R >smcr.txt; smcss -d >debug.txt
kernel_sockets "$SERVER_PID" "$CLIENT_PID" >kernel.txt
kernel_json diag diag.json
release_fetches
cat all.txt kernel.txt
count() { grep -c "$2" "$1" || true; }
expect_eq "$(count default.txt '^ACTIVE ')" 2 "connections listed by default"
expect_eq "$(count default.txt '^LISTEN ')" 0 "listening sockets listed by default"
expect_eq "$(count all.txt '^LISTEN ')" 1 "listening sockets with -a"
expect_eq "$(count listening.txt '^ACTIVE ')" 0 "connections with -l"
expect_eq "$(count listening.txt "127.0.0.1:$PORT ")" 1 "the server with -l"
expect_eq "$(count smcd.txt ' SMCD$')" 2 "SMC-D connections with -D"
expect_eq "$(wc -l <smcr.txt)" 1 "lines with -R (header only)"
expect_match "$(cat debug.txt)" '^State +UID +Inode +Local Address +Peer Address +Intf +Mode +ShutD +Token +Sndbuf +Rcvbuf +Peerbuf$' \
  "-d header"
expect_match "$(cat debug.txt)" ' SMCD +<-> +[0-9a-f]{8} +[0-9]+ +[0-9]+ +[0-9]+$' "-d connection line"
python3 - <<'PY' || fail "smcss differs from the kernel (above)"
import json, os, sys
sys.path.insert(0, os.environ["GUEST_DIR"])
from compare_with_kernel import expect_listings, smc_sockets
diag = {s["inode"]: s for s in json.load(open("diag.json"))}
listening, connections = smc_sockets("kernel.txt")
assert len(listening) == 1 and len(connections) == 2, (listening, connections)
def mode_is(mode):
    return {i for i in connections if diag[i]["mode"] == mode}
assert mode_is("SMCD") == connections, connections
selected = {"default": connections, "all": listening | connections, "listening": listening,
            "smcd": mode_is("SMCD"), "smcr": mode_is("SMCR"), "debug": connections}
expect_listings(diag, selected, listening | connections)
print("every listing holds what the kernel says its option selects")
PY
