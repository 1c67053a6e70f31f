#!/usr/bin/env python3
"""What the kernel says about SMC, read straight from its netlink
interfaces, for the guest checks: test code that shares nothing with
smc_run, so the checks do not take the product's word for anything.

Usage:
  smc_kernel.py sockets PID...  one line per TCP or SMC socket of these
                                processes (matched by inode, /proc/PID/fd):
      PID INODE smc STATE MODE FALLBACK PEER_DIAGNOSIS SNDBUF RMBE PEER_RMBE IBDEV ROLE
      PID INODE tcp STATE LOCAL REMOTE
    from SMC_DIAG (AF_SMC and IPPROTO_SMC sockets; codes in hex, sizes in
    bytes, "-" where SMC_DIAG has none) or from /proc/net/tcp (plain TCP
    sockets, that is, ones that never became SMC sockets)
  smc_kernel.py diag            every SMC socket SMC_DIAG lists, as JSON
  smc_kernel.py stats           SMC_NETLINK_GET_STATS, as JSON
  smc_kernel.py fallbacks       SMC_NETLINK_GET_FBACK_STATS, as JSON
  smc_kernel.py counters        both: {"stats": ..., "fallbacks": ...}
  smc_kernel.py linkgroups      SMC_NETLINK_GET_LINK_SMCR: the SMC-R link
                                groups, each with its links, as JSON
  smc_kernel.py smcd_linkgroups SMC_NETLINK_GET_LGR_SMCD, as JSON
  smc_kernel.py sysinfo         SMC_NETLINK_GET_SYS_INFO, as JSON
  smc_kernel.py devices         SMC_NETLINK_GET_DEV_SMCD and _SMCR:
                                {"smcd": [...], "smcr": [...]}, as JSON
  smc_kernel.py seid            SMC_NETLINK_DUMP_SEID, as JSON
  smc_kernel.py ueids           SMC_NETLINK_DUMP_UEID: the User EIDs, as JSON

Layouts and numbers: include/uapi/linux/smc_diag.h, include/uapi/linux/smc.h,
include/uapi/linux/inet_diag.h, include/uapi/linux/netlink.h and
genetlink.h, net/smc/smc.h (states), Linux 6.12. Netlink and the structs
SMC_DIAG copies out are in the host's byte order ("=" below), and so are
/proc/net/tcp's address words; only ports in inet_diag_sockid are
big-endian. Exits 1 with the reason on stderr when the kernel refuses (no
smc_diag, no SMC genl family).
"""
import json
import os
import socket
import struct
import sys

NETLINK_SOCK_DIAG = 4
NETLINK_GENERIC = 16
SOCK_DIAG_BY_FAMILY = 20
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
AF_SMC = 43

# smc_diag.h: extensions (the request's diag_ext holds 1 << (ext - 1)).
SMC_DIAG_CONNINFO, SMC_DIAG_LGRINFO, SMC_DIAG_FALLBACK = 1, 2, 5
MODES = {0: "SMCR", 1: "TCP", 2: "SMCD"}
# net/smc/smc.h, enum smc_state.
STATES = {1: "ACTIVE", 2: "INIT", 7: "CLOSED", 10: "LISTEN",
          20: "PEERCLOSEWAIT1", 21: "PEERCLOSEWAIT2", 22: "APPCLOSEWAIT1",
          23: "APPCLOSEWAIT2", 24: "APPFINCLOSEWAIT", 25: "PEERFINCLOSEWAIT",
          26: "PEERABORTWAIT", 27: "PROCESSABORT"}
# include/net/tcp_states.h, for /proc/net/tcp's "st" column.
TCP_STATES = {1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1",
              5: "FIN_WAIT2", 6: "TIME_WAIT", 7: "CLOSE", 8: "CLOSE_WAIT",
              9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING"}
# smc.h: SMC_GEN_NETLINK commands, top attributes and nested ones.
SMC_NETLINK_GET_LINK_SMCR, SMC_NETLINK_GET_LGR_SMCR = 3, 2
SMC_NETLINK_GET_STATS, SMC_NETLINK_GET_FBACK_STATS = 7, 8
SMC_GEN_LGR_SMCR, SMC_GEN_LINK_SMCR = 2, 3
SMC_GEN_STATS, SMC_GEN_FBACK_STATS = 7, 8
STATS_TECH = {1: "smcd", 2: "smcr"}  # SMC_NLA_STATS_SMCD_TECH, _SMCR_TECH
STATS_TOP_U64 = {3: "clnt_hshake_err_cnt", 4: "srv_hshake_err_cnt"}
TECH_U64 = {7: "clnt_v1_succ_cnt", 8: "clnt_v2_succ_cnt",
            9: "srv_v1_succ_cnt", 10: "srv_v2_succ_cnt",
            16: "rx_bytes", 17: "tx_bytes", 18: "rx_cnt", 19: "tx_cnt"}
LGR_R = {1: ("id", "u32"), 2: ("role", "u8"), 3: ("type", "u8"),
         4: ("pnetid", "str"), 5: ("vlan_id", "u8"), 6: ("conns_num", "u32"),
         11: ("buf_type", "u8")}
LGR_V2_COMMON = {0: ("smc_version", "u8"), 1: ("release", "u8"),
                 2: ("os", "u8"), 3: ("negotiated_eid", "str"),
                 4: ("peer_host", "str")}
LINK = {1: ("id", "u8"), 2: ("ib_dev", "str"), 3: ("ib_port", "u8"),
        4: ("gid", "str"), 5: ("peer_gid", "str"), 6: ("conn_cnt", "u32"),
        7: ("net_dev", "u32"), 8: ("uid", "u32"), 9: ("peer_uid", "u32"),
        10: ("state", "u32")}
SMC_NLA_LGR_R_V2_COMMON = 7
SMC_NETLINK_GET_SYS_INFO, SMC_NETLINK_GET_LGR_SMCD = 1, 4
SMC_NETLINK_GET_DEV_SMCD, SMC_NETLINK_GET_DEV_SMCR = 5, 6
SMC_NETLINK_DUMP_UEID, SMC_NETLINK_DUMP_SEID = 9, 13
SMC_NLA_EID_TABLE_ENTRY = 1
SMC_GEN_SYS_INFO, SMC_GEN_LGR_SMCD = 1, 4
SMC_GEN_DEV_SMCD, SMC_GEN_DEV_SMCR = 5, 6
SYS_INFO = {1: ("version", "u8"), 2: ("release", "u8"), 3: ("is_ism_v2", "u8"),
            4: ("local_host", "str"), 5: ("seid", "str"), 6: ("is_smcr_v2", "u8")}
LGR_D = {1: ("id", "u32"), 2: ("gid", "u64"), 3: ("peer_gid", "u64"),
         4: ("vlan_id", "u8"), 5: ("conns_num", "u32"), 6: ("pnetid", "str"),
         7: ("chid", "u32"), 12: ("sndbuf_alloc", "uint"), 13: ("dmb_alloc", "uint")}
SMC_NLA_LGR_D_V2_COMMON = 9
DEV = {1: ("use_cnt", "u32"), 2: ("is_crit", "u8"), 3: ("pci_fid", "u32"),
       4: ("pci_chid", "u16"), 5: ("pci_vendor", "u16"), 6: ("pci_device", "u16"),
       7: ("pci_id", "str"), 10: ("ib_name", "str")}
DEV_PORT = {1: ("pnet_usr", "u8"), 2: ("pnetid", "str"), 3: ("netdev", "u32"),
            4: ("state", "u8"), 5: ("valid", "u8"), 6: ("lnk_cnt", "u32")}
SMC_NLA_DEV_PORT, SMC_NLA_DEV_PORT2 = 8, 9
SEID = {1: ("seid", "str"), 2: ("enabled", "u8")}
FBACK_TYPE, FBACK_SRV_CNT, FBACK_CLNT_CNT = 1, 2, 3
FBACK_RSN_CODE, FBACK_RSN_CNT = 4, 5


def fail(message):
    print("smc_kernel.py: " + message, file=sys.stderr)
    sys.exit(1)


def attributes(data):
    """Netlink attributes: {type: payload}, the nested flag masked off."""
    found = {}
    while len(data) >= 4:
        length, kind = struct.unpack_from("=HH", data)
        if length < 4:
            break
        found[kind & 0x3fff] = data[4:length]
        data = data[(length + 3) & ~3:]
    return found


def number(payload, kind):
    if kind == "str":
        return payload.split(b"\0", 1)[0].decode(errors="replace")
    if kind == "uint":  # nla_put_uint: 4 or 8 bytes
        return int.from_bytes(payload, sys.byteorder)
    size = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}[kind]
    return int.from_bytes(payload[:size], sys.byteorder)


def decode(payload, table):
    attrs = attributes(payload)
    return {name: number(attrs[k], kind)
            for k, (name, kind) in table.items() if k in attrs}


def dump(protocol, kind, body):
    """Sends one dump request, returns the payloads of its replies."""
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, protocol) as s:
        s.bind((0, 0))
        header = struct.pack("=IHHII", 16 + len(body), kind,
                             NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
        s.send(header + body)
        replies = []
        while True:
            data = s.recv(1 << 20)
            while len(data) >= 16:
                length, mtype = struct.unpack_from("=IH", data)
                payload = data[16:length]
                if mtype == NLMSG_DONE:
                    return replies
                if mtype == NLMSG_ERROR:
                    error = -struct.unpack_from("=i", payload)[0]
                    if error:
                        fail("the kernel refused the dump: " + os.strerror(error))
                    return replies
                replies.append(payload)
                data = data[(length + 3) & ~3:]


def smc_family():
    name = b"SMC_GEN_NETLINK\0"
    attr = struct.pack("=HH", 4 + len(name), CTRL_ATTR_FAMILY_NAME) + name
    body = struct.pack("=BBH", CTRL_CMD_GETFAMILY, 1, 0) + attr
    body += b"\0" * (-len(body) % 4)
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC) as s:
        s.bind((0, 0))
        s.send(struct.pack("=IHHII", 16 + len(body), GENL_ID_CTRL,
                           NLM_F_REQUEST, 1, 0) + body)
        data = s.recv(65536)
    length, mtype = struct.unpack_from("=IH", data)
    if mtype == NLMSG_ERROR:
        fail("no SMC_GEN_NETLINK generic netlink family (is smc.ko loaded?)")
    attrs = attributes(data[20:length])
    return number(attrs[CTRL_ATTR_FAMILY_ID], "u16")


def genl_dump(command):
    """Top attributes of each reply to an SMC_GEN_NETLINK dump."""
    body = struct.pack("=BBH", command, 1, 0)
    return [attributes(p[4:]) for p in dump(NETLINK_GENERIC, smc_family(), body)]


def diag():
    ext = (1 << (SMC_DIAG_CONNINFO - 1)) | (1 << (SMC_DIAG_LGRINFO - 1))
    # struct smc_diag_req: family, pad[2], diag_ext, inet_diag_sockid (48).
    request = struct.pack("=BxxB", AF_SMC, ext) + b"\0" * 48
    sockets = []
    for payload in dump(NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY, request):
        # struct smc_diag_msg: family, state, mode, shutdown, id (sport
        # and dport big-endian first), uid at 52, inode at 56.
        family, state, mode, _ = struct.unpack_from("=BBBB", payload)
        sport, dport = struct.unpack_from(">HH", payload, 4)
        uid, inode = struct.unpack_from("=IQ", payload, 52)
        s = {"inode": inode, "family": family, "uid": uid, "sport": sport,
             "dport": dport, "state": STATES.get(state, str(state)),
             "mode": MODES.get(mode, str(mode)), "fallback": None,
             "peer_diagnosis": None, "sndbuf": None, "rmbe": None,
             "peer_rmbe": None, "token": None, "ibdev": None, "role": None}
        attrs = attributes(payload[64:])
        if SMC_DIAG_FALLBACK in attrs:
            s["fallback"], s["peer_diagnosis"] = struct.unpack_from(
                "=II", attrs[SMC_DIAG_FALLBACK])
        if SMC_DIAG_CONNINFO in attrs:
            (s["token"], s["sndbuf"], s["rmbe"],
             s["peer_rmbe"]) = struct.unpack_from("=IIII", attrs[SMC_DIAG_CONNINFO])
        if SMC_DIAG_LGRINFO in attrs:
            # struct smc_diag_lgrinfo: lnk[0] = link_id, ibname[64], ibport,
            # gid[40], peer_gid[40]; then role (0 client, 1 server).
            info = attrs[SMC_DIAG_LGRINFO]
            s["link_id"] = info[0]
            s["ibdev"] = info[1:65].split(b"\0", 1)[0].decode()
            s["ibport"] = info[65]
            s["gid"] = info[66:106].split(b"\0", 1)[0].decode()
            s["peer_gid"] = info[106:146].split(b"\0", 1)[0].decode()
            s["role"] = "server" if info[146] else "client"
        sockets.append(s)
    return sockets


def plain_tcp():
    """/proc/net/tcp and tcp6: inode -> (state, local, remote)."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    found[int(fields[9])] = (
                        TCP_STATES.get(int(fields[3], 16), fields[3]),
                        address(fields[1]), address(fields[2]))
        except OSError:
            pass
    return found


def address(text):
    """/proc/net/tcp's and tcp6's ADDRESS:PORT: the address as 32-bit words,
    each __be32 printed with %08X, so in the host's byte order
    (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock);
    the port as a number."""
    host, port = text.split(":")
    raw = b"".join(struct.pack("=I", int(host[i:i + 8], 16)) for i in range(0, len(host), 8))
    family = socket.AF_INET if len(raw) == 4 else socket.AF_INET6
    shown = socket.inet_ntop(family, raw)
    return ("%s:%d" if family == socket.AF_INET else "[%s]:%d") % (shown, int(port, 16))


def socket_inodes(pid):
    inodes = []
    folder = "/proc/%d/fd" % pid
    for fd in os.listdir(folder):
        try:
            target = os.readlink(os.path.join(folder, fd))
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.append(int(target[8:-1]))
    return sorted(set(inodes))


def show(value, hexadecimal=False):
    if value is None:
        return "-"
    return "0x%08x" % value if hexadecimal else str(value)


def sockets(pids):
    smc = {s["inode"]: s for s in diag()}
    tcp = plain_tcp()
    for pid in pids:
        for inode in socket_inodes(pid):
            if inode in smc:
                s = smc[inode]
                print(pid, inode, "smc", s["state"], s["mode"],
                      show(s["fallback"], True), show(s["peer_diagnosis"], True),
                      show(s["sndbuf"]), show(s["rmbe"]), show(s["peer_rmbe"]),
                      show(s["ibdev"]), show(s["role"]))
            elif inode in tcp:
                print(pid, inode, "tcp", *tcp[inode])


def stats():
    replies = genl_dump(SMC_NETLINK_GET_STATS)
    if not replies or SMC_GEN_STATS not in replies[0]:
        fail("SMC_NETLINK_GET_STATS gave no statistics")
    top = attributes(replies[0][SMC_GEN_STATS])
    result = {name: number(top[k], "u64") for k, name in STATS_TOP_U64.items()}
    for k, tech in STATS_TECH.items():
        attrs = attributes(top[k])
        result[tech] = {name: number(attrs[i], "u64")
                        for i, name in TECH_U64.items() if i in attrs}
    return result


def fallbacks():
    result = {"srv_fback_cnt": 0, "clnt_fback_cnt": 0, "server": {}, "client": {}}
    for reply in genl_dump(SMC_NETLINK_GET_FBACK_STATS):
        attrs = attributes(reply[SMC_GEN_FBACK_STATS])
        if FBACK_SRV_CNT in attrs:
            result["srv_fback_cnt"] = number(attrs[FBACK_SRV_CNT], "u64")
            result["clnt_fback_cnt"] = number(attrs[FBACK_CLNT_CNT], "u64")
        side = "server" if number(attrs[FBACK_TYPE], "u8") else "client"
        code = "0x%08x" % number(attrs[FBACK_RSN_CODE], "u32")
        result[side][code] = number(attrs[FBACK_RSN_CNT], "u16")
    return result


def counters():
    return {"stats": stats(), "fallbacks": fallbacks()}


def linkgroups():
    groups = []
    for reply in genl_dump(SMC_NETLINK_GET_LINK_SMCR):
        if SMC_GEN_LGR_SMCR in reply:
            group = decode(reply[SMC_GEN_LGR_SMCR], LGR_R)
            common = attributes(reply[SMC_GEN_LGR_SMCR]).get(SMC_NLA_LGR_R_V2_COMMON)
            group["v2"] = decode(common, LGR_V2_COMMON) if common else None
            group["role"] = "server" if group.get("role") else "client"
            group["links"] = []
            groups.append(group)
        elif SMC_GEN_LINK_SMCR in reply and groups:
            groups[-1]["links"].append(decode(reply[SMC_GEN_LINK_SMCR], LINK))
    return groups


def smcd_linkgroups():
    groups = []
    for reply in genl_dump(SMC_NETLINK_GET_LGR_SMCD):
        group = decode(reply[SMC_GEN_LGR_SMCD], LGR_D)
        common = attributes(reply[SMC_GEN_LGR_SMCD]).get(SMC_NLA_LGR_D_V2_COMMON)
        group["v2"] = decode(common, LGR_V2_COMMON) if common else None
        groups.append(group)
    return groups


def sysinfo():
    replies = genl_dump(SMC_NETLINK_GET_SYS_INFO)
    if not replies or SMC_GEN_SYS_INFO not in replies[0]:
        fail("SMC_NETLINK_GET_SYS_INFO gave no system info")
    return decode(replies[0][SMC_GEN_SYS_INFO], SYS_INFO)


def devices():
    found = {"smcd": [], "smcr": []}
    for command, top, kind in ((SMC_NETLINK_GET_DEV_SMCD, SMC_GEN_DEV_SMCD, "smcd"),
                               (SMC_NETLINK_GET_DEV_SMCR, SMC_GEN_DEV_SMCR, "smcr")):
        for reply in genl_dump(command):
            device = decode(reply[top], DEV)
            nested = attributes(reply[top])
            device["ports"] = [dict(decode(nested[k], DEV_PORT), port=k - SMC_NLA_DEV_PORT + 1)
                               for k in (SMC_NLA_DEV_PORT, SMC_NLA_DEV_PORT2) if k in nested]
            found[kind].append(device)
    return found


def seid():
    """One object per reply: {} when the kernel has no SMC-Dv2 device."""
    return [{SEID[k][0]: number(v, SEID[k][1]) for k, v in r.items() if k in SEID}
            for r in genl_dump(SMC_NETLINK_DUMP_SEID)]


def ueids():
    return [number(r[SMC_NLA_EID_TABLE_ENTRY], "str").rstrip()
            for r in genl_dump(SMC_NETLINK_DUMP_UEID) if SMC_NLA_EID_TABLE_ENTRY in r]


def main():
    if len(sys.argv) < 2:
        fail("usage: smc_kernel.py sockets PID... | diag | stats | fallbacks | counters |"
             " linkgroups | smcd_linkgroups | sysinfo | devices | seid | ueids")
    command = sys.argv[1]
    if command == "sockets":
        sockets([int(p) for p in sys.argv[2:]])
        return
    reader = {"diag": diag, "stats": stats, "fallbacks": fallbacks,
              "counters": counters, "linkgroups": linkgroups,
              "smcd_linkgroups": smcd_linkgroups, "sysinfo": sysinfo,
              "devices": devices, "seid": seid, "ueids": ueids}.get(command)
    if reader is None:
        fail("unknown command '%s'" % command)
    json.dump(reader(), sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
