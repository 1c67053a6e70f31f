# s390x has a system EID and SMC-Dv2 works with it alone: the kernel has no
# User EID (the test bed adds none there), says its system EID is enabled,
# and a connection's SMC-D link group negotiated that system EID.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
start_echo_server smc 127.0.0.1
start_echo_client smc 127.0.0.1
kernel_json smcd_linkgroups groups.json
release_echo
ueids="$(kernel_ueids)"
kernel_json seid seid.json
cat groups.json seid.json
expect_eq "$ueids" "" "the kernel's UEIDs"
# The system EID: "IBM-SYSZ-ISMSEID00000000" and the machine's CPU id
# (net/smc/smc_ism.c, smc_ism_create_system_eid).
python3 - <<'PY' || fail "the link groups did not negotiate the system EID (above)"
import json
(seid,) = json.load(open("seid.json"))
assert seid["enabled"] == 1 and seid["seid"].startswith("IBM-SYSZ-ISMSEID"), seid
groups = [g for g in json.load(open("groups.json")) if g["conns_num"] > 0]
assert groups, "no SMC-D link group with a connection"
eids = {g["v2"]["negotiated_eid"] for g in groups}
assert eids == {seid["seid"]}, (eids, seid)
PY
