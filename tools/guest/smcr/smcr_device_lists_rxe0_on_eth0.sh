# smcr device lists the RDMA devices the kernel offers SMC-R
# (SMC_NETLINK_GET_DEV_SMCR, read by smc_kernel.py): rxe0, port 1 on eth0,
# ACTIVE, with the kernel's link count; and the same in JSON.
source "$GUEST_DIR/pair_lib.sh"
# Both sides share the check's folder: each names its files by its side.
"$SMC_RUN" --role smcr device >"ours.$SIDE.txt" || fail "smcr device failed"
"$SMC_RUN" --role smcr -j device >"ours.$SIDE.json" || fail "smcr -j device failed"
kernel_json devices "kernel.$SIDE.json"
cat "ours.$SIDE.txt"
python3 - "$SIDE" <<'PY' || fail "smcr device differs from the kernel"
import json, socket, sys
side = sys.argv[1]
kernel = json.load(open("kernel.%s.json" % side))["smcr"]
ours = json.load(open("ours.%s.json" % side))
want = [(d["ib_name"], p["port"], socket.if_indextoname(p["netdev"]), bool(p["state"]), p["lnk_cnt"])
        for d in kernel for p in d["ports"] if p.get("valid")]
got = [(o["ib_device"], o["ib_port"], o["net_device"], o["active"], o["links"]) for o in ours]
assert got == want and ("rxe0", 1, "eth0", True) == want[0][:4], (got, want)
rows = [l.split() for l in open("ours.%s.txt" % side).readlines()[1:]]
assert [(r[1], int(r[2]), r[0], r[3] == "ACTIVE", int(r[6])) for r in rows] == want, rows
print("devices agree with the kernel:", want)
PY
