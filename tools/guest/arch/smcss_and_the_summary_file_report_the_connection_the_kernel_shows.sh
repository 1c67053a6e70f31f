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
import json
diag = {s["inode"]: s for s in json.load(open("diag.json"))}
ours = [l.split() for l in open("kernel.txt")]
listening = {int(l[1]) for l in ours if l[2:4] == ["smc", "LISTEN"]}
connections = {int(l[1]) for l in ours if l[2:4] == ["smc", "ACTIVE"]}
assert len(listening) == 1 and len(connections) == 2, ours
assert all(diag[i]["mode"] == "SMCD" for i in connections), ours
for name, want in (("all", listening | connections), ("debug", connections)):
    rows = {int(r[2]): r for r in (l.split() for l in open(name + ".txt").readlines()[1:])}
    rows = {i: r for i, r in rows.items() if i in listening | connections}
    assert set(rows) == want, (name, sorted(rows), sorted(want))
    for inode, r in rows.items():
        k = diag[inode]
        mode = "-" if k["state"] == "LISTEN" else k["mode"]
        assert r[0] == k["state"] and r[3:5] == [k["local"], k["peer"]] and r[6] == mode, (name, r, k)
        if name == "debug":
            assert r[8:12] == ["%08x" % k["token"], str(k["sndbuf"]), str(k["rmbe"]),
                               str(k["peer_rmbe"])], (name, r, k)
lines = open("summary.json").read().splitlines()
assert len(lines) == 1, lines
s = json.loads(lines[0])
assert s["program"] == "smc_echo", s
assert (s["sockets"], s["converted"], s["connections"], s["smcd"], s["fallback"]) == \
    (1, {"IPPROTO_SMC": 0, "AF_SMC": 1}, 1, 1, {}), s
print("smcss and the summary say what the kernel shows")
PY
