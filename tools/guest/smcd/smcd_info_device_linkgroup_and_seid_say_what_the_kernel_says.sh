# While curl holds an SMC-D connection over loopback-ism, smcd info,
# device, linkgroup and seid say what the kernel's SMC generic netlink
# says (read by smc_kernel.py, which shares no code with smcd): version,
# host name, features and SEID; no listed SMC-D device but loopback-ism in
# use; the same link groups (ids, connections, GIDs, negotiated EID); the
# SEID blank and disabled, as outside s390.
source "$GUEST_DIR/lib.sh"
smcd() { "$SMC_RUN" --role smcd "$@"; }
start_server 127.0.0.1 "$SMC_RUN"
curl_held curl "$(held_url 127.0.0.1)" "$SMC_RUN"
for object in info device linkgroup; do
  smcd -j "$object" >"$object.json" || fail "smcd -j $object failed"
  smcd "$object" >"$object.txt" || fail "smcd $object failed"
done
smcd seid >seid.txt || fail "smcd seid failed"
for what in sysinfo devices smcd_linkgroups seid; do
  kernel_json "$what" "kernel.$what.json"
done
release_fetches
cat info.txt device.txt linkgroup.txt seid.txt
python3 - <<'PY' || fail "smcd differs from the kernel (above)"
import json
def load(name):
    return json.load(open(name))
info, sysinfo = load("info.json"), load("kernel.sysinfo.json")
assert info["smc_version"] == "%d.%d" % (sysinfo["version"], sysinfo["release"]), info
assert info["hostname"] == sysinfo["local_host"].strip(), (info, sysinfo)
assert info["ism_v2"] == bool(sysinfo["is_ism_v2"]) is True
assert info["smcr_features"] == ("v1 v2" if sysinfo["is_smcr_v2"] else "v1")
assert info["seid"] == (sysinfo.get("seid", "").strip() or None)
kernel_devices = load("kernel.devices.json")
assert info["ism_devices"] == len(kernel_devices["smcd"]) == 0
assert info["loopback_ism"] is True
assert info["smcr_devices"] == [d["ib_name"] for d in kernel_devices["smcr"]]
devices = load("device.json")
assert devices == {"devices": [], "loopback_ism": True}, devices
ours, kernel = load("linkgroup.json"), load("kernel.smcd_linkgroups.json")
assert kernel, "no SMC-D link group while a connection is held"
assert [(g["id"], g["connections"], int(g["gid"], 16), int(g["peer_gid"], 16),
         g["v2"]["negotiated_eid"]) for g in ours] == \
       [(g["id"], g["conns_num"], g["gid"], g["peer_gid"], g["v2"]["negotiated_eid"].strip())
        for g in kernel], (ours, kernel)
assert sum(g["connections"] for g in ours) >= 2  # both ends of the held fetch
table = [l.split() for l in open("linkgroup.txt").readlines()[1:]]
assert [(r[0], r[2]) for r in table] == [("%08x" % g["id"], str(g["conns_num"])) for g in kernel]
seid = load("kernel.seid.json")[0]
want = "(blank) [disabled]" if seid["seid"].strip() == "" and not seid["enabled"] else "?"
assert open("seid.txt").read() == want + "\n", (open("seid.txt").read(), seid)
print("smcd info, device, linkgroup and seid agree with the kernel")
PY
expect_match "$(cat device.txt)" '^\(and loopback-ism, which the kernel uses' "the device table's note"
