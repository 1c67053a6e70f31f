# smcss -R, on both guests while curl on B holds a connection to A's server
# (both under smc_run), names each SMC-R connection as the kernel does: by
# inode, mode SMCR, its link group's role and id (the group of the kernel's
# link dump that holds the connection's link), rxe0 port 1, the link id
# and both GIDs (SMC_DIAG_LGRINFO); smcss -j carries the same link.
source "$GUEST_DIR/pair_lib.sh"
# compare_smcss PID ROLE: our smcss against the kernel, for PID's sockets.
# Both sides share the check's folder: each names its files by its side.
compare_smcss() {
  "$SMC_RUN" --role smcss -R >"smcss.$SIDE.txt" || fail "smcss -R failed"
  "$SMC_RUN" --role smcss -j >"smcss.$SIDE.json" || fail "smcss -j failed"
  kernel_json diag "diag.$SIDE.json"
  kernel_json linkgroups "groups.$SIDE.json"
  cat "smcss.$SIDE.txt"
  python3 - "$1" "$2" "$SIDE" <<'PY' || fail "smcss -R or -j differs from the kernel (above)"
import json, os, sys
pid, role, side = int(sys.argv[1]), sys.argv[2], sys.argv[3]
inodes = {int(os.readlink("/proc/%d/fd/%s" % (pid, fd))[8:-1])
          for fd in os.listdir("/proc/%d/fd" % pid)
          if os.readlink("/proc/%d/fd/%s" % (pid, fd)).startswith("socket:[")}
kernel = [s for s in json.load(open("diag.%s.json" % side))
          if s["inode"] in inodes and s["state"] == "ACTIVE"]
groups = json.load(open("groups.%s.json" % side))
rows = {int(line.split()[2]): line.split() for line in open("smcss.%s.txt" % side).readlines()[1:]}
ours = {s["inode"]: s for s in json.load(open("smcss.%s.json" % side))}
assert kernel and all(s["mode"] == "SMCR" for s in kernel), kernel
for s in kernel:
    # The kernel's link group: the one of this role with this link.
    ids = [g["id"] for g in groups if g["role"] == s["role"] and any(
        l["ib_dev"] == s["ibdev"] and l["gid"] == s["gid"] and l["peer_gid"] == s["peer_gid"]
        and l["id"] == s["link_id"] for l in g["links"])]
    assert len(ids) == 1, ("link groups holding the link", s, groups)
    want = ["SMCR", "SERV" if role == "server" else "CLNT", "%08x" % ids[0], s["ibdev"],
            str(s["ibport"]), str(s["link_id"]), s["gid"], s["peer_gid"]]
    assert s["role"] == role and s["ibdev"] == "rxe0" and s["ibport"] == 1, s
    assert rows[s["inode"]][6:] == want, ("smcss -R", rows[s["inode"]], want)
    link = ours[s["inode"]]["link"]
    assert (link["link_group"], link["role"], link["ib_device"], link["ib_port"],
            link["link_id"], link["gid"], link["peer_gid"]) == (
        ids[0], role, "rxe0", 1, s["link_id"], s["gid"], s["peer_gid"]), link
    print("inode", s["inode"], "link group %08x" % ids[0], "on", s["ibdev"], "agrees")
PY
}

if on A; then
  start_server "$ADDR_A" "$SMC_RUN"
  tell port "$PORT"
  await held
  compare_smcss "$SERVER_PID" server
  tell checked
  await done
else
  PORT="$(await port)"
  curl_held first "$(held_url "$ADDR_A")" "$SMC_RUN"
  compare_smcss "$CLIENT_PID" client
  tell held
  await checked
  release_fetches
  tell done
fi
