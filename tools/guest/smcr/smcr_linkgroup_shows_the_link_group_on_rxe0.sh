# smcr linkgroup, while curl on B holds an SMC-R connection to A's server,
# shows each guest's link groups as the kernel's link dump does
# (smc_kernel.py linkgroups): the same ids, roles, connection counts and
# links, each link on rxe0 port 1 over eth0, LINK_ACTIVE, with the kernel's
# GIDs; in JSON, in the table, and with -dd link-show.
source "$GUEST_DIR/pair_lib.sh"
# Both sides share the check's folder: each names its files by its side.
compare_link_groups() {
  local smcr=("$SMC_RUN" --role smcr)
  "${smcr[@]}" -j linkgroup >"ours.$SIDE.json" || fail "smcr -j linkgroup failed"
  "${smcr[@]}" linkgroup >"ours.$SIDE.txt" || fail "smcr linkgroup failed"
  "${smcr[@]}" -dd linkgroup link-show >"links.$SIDE.txt" || fail "smcr -dd linkgroup link-show failed"
  kernel_json linkgroups "kernel.$SIDE.json"
  cat "ours.$SIDE.txt" "links.$SIDE.txt"
  python3 - "$SIDE" <<'PY' || fail "smcr linkgroup differs from the kernel's link dump"
import json, sys
side = sys.argv[1]
kernel, ours = (json.load(open(n % side)) for n in ("kernel.%s.json", "ours.%s.json"))
assert kernel, "no SMC-R link group in the kernel while a connection is held"
assert [g["id"] for g in ours] == [g["id"] for g in kernel]
table = {l.split()[0]: l.split() for l in open("ours.%s.txt" % side).readlines()[1:]}
links = [l.split() for l in open("links.%s.txt" % side).readlines()[1:]]
# enum smc_lgr_type and smc_link_state (net/smc/smc_core.h); only active
# links are compared: a server may add and drop a second link meanwhile.
types = {0: "NONE", 1: "SINGLE", 2: "SYM", 3: "ASYMP", 4: "ASYML"}
ACTIVE = 3
for k, o in zip(kernel, ours):
    assert o["role"] == k["role"] and o["connections"] == k["conns_num"], (o, k)
    assert o["type"] == types[k["type"]], (o["type"], k["type"])
    assert o["v2"]["negotiated_eid"] == k["v2"]["negotiated_eid"].strip() == "SMC-RUN-TESTBED"
    assert table["%08x" % k["id"]][1:5] == ["SERV" if k["role"] == "server" else "CLNT",
                                             types[k["type"]], "0", str(k["conns_num"])]
    want = [(l["id"], l["ib_dev"], l["ib_port"], l["gid"], l["peer_gid"], l["conn_cnt"])
            for l in k["links"] if l["state"] == ACTIVE]
    got = [(l["id"], l["ib_device"], l["ib_port"], l["gid"], l["peer_gid"], l["connections"])
           for l in o["links"] if l["state"] == "LINK_ACTIVE"]
    assert got == want and want, (got, want)
    for l in (l for l in k["links"] if l["state"] == ACTIVE):
        row = [r for r in links if r[0] == "%08x" % k["id"] and r[-2:] == [l["gid"], l["peer_gid"]]]
        assert len(row) == 1, (l, links)
        assert row[0][3:6] == ["eth0", "LINK_ACTIVE", str(l["conn_cnt"])], row
        assert row[0][8:10] == ["rxe0", "1"], row
assert any(l["ib_device"] == "rxe0" and l["state"] == "LINK_ACTIVE" for g in ours for l in g["links"])
print("link groups", ["%08x" % g["id"] for g in ours], "agree with the kernel")
PY
}
if on A; then
  start_server "$ADDR_A" "$SMC_RUN"
  tell port "$PORT"
  await held
  compare_link_groups
  tell checked
  await done
else
  PORT="$(await port)"
  curl_held first "$(held_url "$ADDR_A")" "$SMC_RUN"
  compare_link_groups
  tell held
  await checked
  release_fetches
  tell done
fi
