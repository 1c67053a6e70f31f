#!/usr/bin/env python3
"""What the kernel says about SMC, read straight from its netlink
interfaces and /proc: the one oracle every guest check asserts through.

It is test code that shares nothing with smc_run: it imports only Python's
standard library, calls none of smc_run's roles, and decodes SMC_DIAG and
the SMC generic netlink family itself, so a decoding bug in smcss, smcd or
smcr cannot hide a bug in what they decode. Sockets are matched to
processes by inode (/proc/PID/fd/N -> socket:[INODE] is SMC_DIAG's
diag_inode).

Usage:
  smc_kernel.py sockets PID...  one line per TCP or SMC socket of these
                                processes:
      PID INODE smc STATE MODE FALLBACK PEER_DIAGNOSIS SNDBUF RMBE PEER_RMBE IBDEV ROLE
      PID INODE tcp STATE LOCAL REMOTE
    from SMC_DIAG (AF_SMC and IPPROTO_SMC sockets; codes in hex, sizes in
    bytes, "-" where SMC_DIAG has none) or from /proc/net/tcp and tcp6
    (plain TCP sockets, that is, ones that never became SMC sockets)
  smc_kernel.py fd PID FD       the same line for the socket on PID's
                                descriptor FD ("PID INODE other" for a
                                socket that is neither)
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
  smc_kernel.py ueids           SMC_NETLINK_DUMP_UEID: the User EIDs, one
                                a line, trailing blanks dropped

Byte order, so that it reads an arm64 or a big-endian s390x kernel as it
reads an x86 one: netlink headers, attributes and the kernel's own structs
are in the host's order (BYTE_ORDER); ports and addresses are in network
order, as the kernel keeps them (SMC_DIAG's inet_diag_sockid has __be16
ports and __be32 addresses; /proc/net/tcp prints each __be32 address word
as a host-order number, and ports already converted by ntohs). Integer
attributes must have their kernel size exactly: a mismatch is an error,
never a silently truncated number.

Layouts and numbers: include/uapi/linux/smc_diag.h, include/uapi/linux/smc.h,
include/uapi/linux/inet_diag.h, include/uapi/linux/netlink.h and
genetlink.h, net/smc/smc.h (states), net/smc/smc_diag.c,
net/smc/smc_netlink.c and its callers (attribute sizes),
net/ipv4/tcp_ipv4.c and net/ipv6/tcp_ipv6.c (/proc/net/tcp), Linux 6.12.
Exits 1 with the reason on stderr when the kernel refuses (no smc_diag, no
SMC genl family) or a reply does not have the layout above.
"""
import json
import os
import socket
import struct
import sys

# Netlink's own numbers are in the host's order; tests set "big" or
# "little" to decode replies as another architecture's kernel sends them.
BYTE_ORDER = sys.byteorder


def native(layout):
    """A struct layout in the host's byte order, standard sizes, no padding."""
    return ("<" if BYTE_ORDER == "little" else ">") + layout


NETLINK_SOCK_DIAG = 4
NETLINK_GENERIC = 16
SOCK_DIAG_BY_FAMILY = 20
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLMSG_HDRLEN, GENL_HDRLEN = 16, 4
NLA_TYPE_MASK = 0x3fff  # drops NLA_F_NESTED and NLA_F_NET_BYTEORDER
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
AF_SMC = 43

# smc_diag.h: extensions (the request's diag_ext holds 1 << (ext - 1)).
SMC_DIAG_CONNINFO, SMC_DIAG_LGRINFO, SMC_DIAG_SHUTDOWN = 1, 2, 3
SMC_DIAG_FALLBACK = 5
SMC_DIAG_MSG_LEN = 64  # struct smc_diag_msg
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
# smc.h: SMC_GEN_NETLINK commands, top attributes and nested ones; the
# sizes are those of the nla_put_* calls in net/smc (smc.h's comments say
# u16 for SMC_NLA_LGR_D_CHID, but smc_core.c puts a u32).
SMC_NETLINK_GET_SYS_INFO, SMC_NETLINK_GET_LGR_SMCR = 1, 2
SMC_NETLINK_GET_LINK_SMCR, SMC_NETLINK_GET_LGR_SMCD = 3, 4
SMC_NETLINK_GET_DEV_SMCD, SMC_NETLINK_GET_DEV_SMCR = 5, 6
SMC_NETLINK_GET_STATS, SMC_NETLINK_GET_FBACK_STATS = 7, 8
SMC_NETLINK_DUMP_UEID, SMC_NETLINK_DUMP_SEID = 9, 13
SMC_GEN_SYS_INFO, SMC_GEN_LGR_SMCR, SMC_GEN_LINK_SMCR = 1, 2, 3
SMC_GEN_LGR_SMCD, SMC_GEN_DEV_SMCD, SMC_GEN_DEV_SMCR = 4, 5, 6
SMC_GEN_STATS, SMC_GEN_FBACK_STATS = 7, 8
SMC_NLA_EID_TABLE_ENTRY = 1
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
SIZES = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}


class Malformed(Exception):
    """A reply that does not have the layout this file knows."""


def fail(message):
    print("smc_kernel.py: " + message, file=sys.stderr)
    sys.exit(1)


# --- netlink: messages and attributes ------------------------------------


def attributes(data):
    """Netlink attributes: {type: payload}, the flags masked off."""
    found = {}
    while len(data) >= 4:
        length, kind = struct.unpack_from(native("HH"), data)
        if length < 4 or length > len(data):
            raise Malformed("attribute %d claims %d bytes, %d left" % (kind, length, len(data)))
        found[kind & NLA_TYPE_MASK] = data[4:length]
        data = data[(length + 3) & ~3:]
    return found


def number(payload, kind):
    """An attribute's value: a string up to its NUL, or an integer of
    exactly its kernel size in the host's order ("uint", nla_put_uint's, is
    4 or 8 bytes)."""
    if kind == "str":
        return payload.split(b"\0", 1)[0].decode(errors="replace")
    sizes = (4, 8) if kind == "uint" else (SIZES[kind],)
    if len(payload) not in sizes:
        raise Malformed("a %s attribute of %d bytes" % (kind, len(payload)))
    return int.from_bytes(payload, BYTE_ORDER)


def decode(payload, table):
    attrs = attributes(payload)
    return {name: number(attrs[k], kind)
            for k, (name, kind) in table.items() if k in attrs}


def messages(data):
    """(type, payload) of each netlink message in one datagram."""
    found = []
    while len(data) >= NLMSG_HDRLEN:
        length, kind = struct.unpack_from(native("IH"), data)
        if length < NLMSG_HDRLEN or length > len(data):
            raise Malformed("a message claims %d bytes, %d left" % (length, len(data)))
        found.append((kind, data[NLMSG_HDRLEN:length]))
        data = data[(length + 3) & ~3:]
    return found


def request(kind, flags, body):
    return struct.pack(native("IHHII"), NLMSG_HDRLEN + len(body), kind, flags, 1, 0) + body


def dump(protocol, kind, body):
    """Sends one dump request, returns the payloads of its replies."""
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, protocol) as s:
        s.bind((0, 0))
        s.send(request(kind, NLM_F_REQUEST | NLM_F_DUMP, body))
        replies = []
        while True:
            for mtype, payload in messages(s.recv(1 << 20)):
                if mtype == NLMSG_DONE:
                    return replies
                if mtype == NLMSG_ERROR:
                    error = -struct.unpack_from(native("i"), payload)[0]
                    if error:
                        fail("the kernel refused the dump: " + os.strerror(error))
                    return replies
                replies.append(payload)


def smc_family():
    name = b"SMC_GEN_NETLINK\0"
    attr = struct.pack(native("HH"), 4 + len(name), CTRL_ATTR_FAMILY_NAME) + name
    body = struct.pack(native("BBH"), CTRL_CMD_GETFAMILY, 1, 0) + attr
    body += b"\0" * (-len(body) % 4)
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC) as s:
        s.bind((0, 0))
        s.send(request(GENL_ID_CTRL, NLM_F_REQUEST, body))
        mtype, payload = messages(s.recv(65536))[0]
    if mtype == NLMSG_ERROR:
        fail("no SMC_GEN_NETLINK generic netlink family (is smc.ko loaded?)")
    return number(attributes(payload[GENL_HDRLEN:])[CTRL_ATTR_FAMILY_ID], "u16")


def genl_dump(command):
    """Top attributes of each reply to an SMC_GEN_NETLINK dump."""
    body = struct.pack(native("BBH"), command, 1, 0)
    return [attributes(p[GENL_HDRLEN:])
            for p in dump(NETLINK_GENERIC, smc_family(), body)]


# --- SMC_DIAG and /proc/net/tcp ------------------------------------------


def endpoint(raw, port):
    """ADDRESS:PORT from inet_diag_sockid's network-order bytes: IPv4 when
    only the first word is set (smc_diag.c fills idiag_src[0] for AF_INET),
    "*" when none is (IPPROTO_SMC sockets: 6.12 fills only the ports)."""
    if not any(raw):
        return "*:%d" % port
    if not any(raw[4:]):
        return "%s:%d" % (socket.inet_ntop(socket.AF_INET, raw[:4]), port)
    return "[%s]:%d" % (socket.inet_ntop(socket.AF_INET6, raw), port)


def diag_message(payload):
    """One SMC_DIAG reply (struct smc_diag_msg and its attributes) as a dict."""
    if len(payload) < SMC_DIAG_MSG_LEN:
        raise Malformed("an SMC_DIAG reply of %d bytes" % len(payload))
    family, state, mode = struct.unpack_from("BBB", payload)
    # inet_diag_sockid: __be16 sport, dport; __be32 src[4], dst[4].
    sport, dport = struct.unpack_from("!HH", payload, 4)
    uid, inode = struct.unpack_from(native("IQ"), payload, 52)
    s = {"inode": inode, "family": family, "uid": uid, "sport": sport,
         "dport": dport, "local": endpoint(payload[8:24], sport),
         "peer": endpoint(payload[24:40], dport),
         "state": STATES.get(state, str(state)),
         "mode": MODES.get(mode, str(mode)), "shutdown": None, "fallback": None,
         "peer_diagnosis": None, "sndbuf": None, "rmbe": None,
         "peer_rmbe": None, "token": None, "ibdev": None, "role": None}
    attrs = attributes(payload[SMC_DIAG_MSG_LEN:])
    if SMC_DIAG_SHUTDOWN in attrs:
        s["shutdown"] = number(attrs[SMC_DIAG_SHUTDOWN], "u8")
    if SMC_DIAG_FALLBACK in attrs:
        # struct smc_diag_fallback: __u32 reason, peer_diagnosis.
        s["fallback"], s["peer_diagnosis"] = struct.unpack_from(
            native("II"), attrs[SMC_DIAG_FALLBACK])
    if SMC_DIAG_CONNINFO in attrs:
        # struct smc_diag_conninfo: __u32 token, sndbuf_size, rmbe_size,
        # peer_rmbe_size, then cursors.
        (s["token"], s["sndbuf"], s["rmbe"],
         s["peer_rmbe"]) = struct.unpack_from(native("IIII"), attrs[SMC_DIAG_CONNINFO])
    if SMC_DIAG_LGRINFO in attrs:
        # struct smc_diag_lgrinfo: lnk[0] = link_id, ibname[64], ibport,
        # gid[40], peer_gid[40]; then role (0 client, 1 server). Bytes only.
        info = attrs[SMC_DIAG_LGRINFO]
        s["link_id"] = info[0]
        s["ibdev"] = info[1:65].split(b"\0", 1)[0].decode()
        s["ibport"] = info[65]
        s["gid"] = info[66:106].split(b"\0", 1)[0].decode()
        s["peer_gid"] = info[106:146].split(b"\0", 1)[0].decode()
        s["role"] = "server" if info[146] else "client"
    return s


def diag():
    ext = 0
    for e in (SMC_DIAG_CONNINFO, SMC_DIAG_LGRINFO, SMC_DIAG_SHUTDOWN):
        ext |= 1 << (e - 1)
    # struct smc_diag_req: family, pad[2], diag_ext, inet_diag_sockid (48).
    body = struct.pack("BxxB", AF_SMC, ext) + b"\0" * 48
    return [diag_message(p) for p in dump(NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY, body)]


def proc_endpoint(text):
    """ADDRESS:PORT from /proc/net/tcp's "%08X:%04X" (tcp6: four %08X
    words): each word is a __be32 printed as a host-order number, so it
    goes back to bytes in the host's order; the port is already ntohs'd."""
    host, port = text.split(":")
    raw = b"".join(struct.pack(native("I"), int(host[i:i + 8], 16))
                   for i in range(0, len(host), 8))
    family = socket.AF_INET if len(raw) == 4 else socket.AF_INET6
    shown = socket.inet_ntop(family, raw)
    return ("%s:%d" if len(raw) == 4 else "[%s]:%d") % (shown, int(port, 16))


def tcp_table(text):
    """One /proc/net/tcp or tcp6 table: inode -> (state, local, remote)."""
    found = {}
    for line in text.splitlines()[1:]:
        fields = line.split()
        found[int(fields[9])] = (TCP_STATES.get(int(fields[3], 16), fields[3]),
                                 proc_endpoint(fields[1]), proc_endpoint(fields[2]))
    return found


def plain_tcp():
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                found.update(tcp_table(f.read()))
        except OSError:
            pass
    return found


def socket_inode(pid, fd):
    """The inode of the socket on PID's descriptor FD, or None."""
    try:
        target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
    except OSError:
        return None
    return int(target[8:-1]) if target.startswith("socket:[") else None


def socket_inodes(pid):
    folder = "/proc/%d/fd" % pid
    return sorted({i for i in (socket_inode(pid, fd) for fd in os.listdir(folder))
                   if i is not None})


def show(value, hexadecimal=False):
    if value is None:
        return "-"
    return "0x%08x" % value if hexadecimal else str(value)


def socket_line(pid, inode, smc, tcp):
    """The sockets command's line for one inode, or None when it is
    neither an SMC nor a TCP socket."""
    if inode in smc:
        s = smc[inode]
        return " ".join(map(str, (
            pid, inode, "smc", s["state"], s["mode"], show(s["fallback"], True),
            show(s["peer_diagnosis"], True), show(s["sndbuf"]), show(s["rmbe"]),
            show(s["peer_rmbe"]), show(s["ibdev"]), show(s["role"]))))
    if inode in tcp:
        return " ".join(map(str, (pid, inode, "tcp") + tcp[inode]))
    return None


def sockets(pids):
    smc = {s["inode"]: s for s in diag()}
    tcp = plain_tcp()
    for pid in pids:
        for inode in socket_inodes(pid):
            line = socket_line(pid, inode, smc, tcp)
            if line:
                print(line)


def descriptor(pid, fd):
    inode = socket_inode(pid, fd)
    if inode is None:
        fail("descriptor %s of process %d is not a socket" % (fd, pid))
    line = socket_line(pid, inode, {s["inode"]: s for s in diag()}, plain_tcp())
    print(line or "%d %d other" % (pid, inode))


# --- SMC generic netlink ---------------------------------------------------


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
    """The UEID table (net/smc/smc_clc.c, smc_nl_ueid_dumpinfo: one reply
    per entry, 32 blank-padded characters as a string attribute)."""
    return [number(r[SMC_NLA_EID_TABLE_ENTRY], "str").rstrip(" ")
            for r in genl_dump(SMC_NETLINK_DUMP_UEID) if SMC_NLA_EID_TABLE_ENTRY in r]


COMMANDS = {"diag": diag, "stats": stats, "fallbacks": fallbacks,
            "counters": counters, "linkgroups": linkgroups,
            "smcd_linkgroups": smcd_linkgroups, "sysinfo": sysinfo,
            "devices": devices, "seid": seid}


def main(args):
    if not args:
        fail("usage: smc_kernel.py sockets PID... | fd PID FD | ueids | "
             + " | ".join(COMMANDS))
    command = args[0]
    try:
        if command == "sockets":
            sockets([int(p) for p in args[1:]])
        elif command == "fd" and len(args) == 3:
            descriptor(int(args[1]), int(args[2]))
        elif command == "ueids":
            for ueid in ueids():
                print(ueid)
        elif command in COMMANDS:
            json.dump(COMMANDS[command](), sys.stdout, indent=1, sort_keys=True)
            print()
        else:
            fail("unknown command '%s'" % " ".join(args))
    except (Malformed, KeyError, struct.error) as e:
        fail("a reply of the kernel has another layout than this file knows (%s: %s)"
             % (type(e).__name__, e))
    except OSError as e:  # a process that has ended, say
        fail(str(e))
    except ValueError as e:  # a PID or FD that is not a number
        fail("bad argument: %s" % e)


if __name__ == "__main__":
    main(sys.argv[1:])
