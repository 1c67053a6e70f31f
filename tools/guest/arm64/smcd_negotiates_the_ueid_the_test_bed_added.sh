# arm64 has no system EID, so SMC-Dv2 needs the User EID the test bed adds
# at boot: the kernel lists it as its only UEID, and a connection's SMC-D
# link group negotiated it.
source "$GUEST_DIR/lib.sh"
source "$GUEST_DIR/arch_lib.sh"
UEID=SMC-RUN-TESTBED # the one tools/testbed/run adds
start_echo_server smc 127.0.0.1
start_echo_client smc 127.0.0.1
kernel_json smcd_linkgroups groups.json
release_echo
ueids="$(kernel_ueids)"
cat groups.json
expect_eq "$ueids" "$UEID" "the kernel's UEIDs"
python3 - "$UEID" <<'PY' || fail "the link groups did not negotiate $UEID (above)"
import json, sys
groups = [g for g in json.load(open("groups.json")) if g["conns_num"] > 0]
assert groups, "no SMC-D link group with a connection"
eids = {g["v2"]["negotiated_eid"].rstrip() for g in groups}
assert eids == {sys.argv[1]}, eids
PY
