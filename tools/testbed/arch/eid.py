#!/usr/bin/env python3
"""The test bed's own EID tool, for the guests of other architectures than
x86_64 when no smc_run of theirs is given: SMC-Dv2 connects only hosts that
share an EID, and this adds a User EID, or checks the system EID, through
SMC's generic netlink family. The guest runs it with its own python3
(tools/testbed/arch/foreign_guest.sh); it shares no code with the product,
nor with the guest checks' kernel oracle.

Usage:
  eid.py add UEID   adds UEID (at most 32 characters of [A-Z0-9.-]) to the
                    kernel's User EID table
  eid.py seid       prints the system EID and exits 0 when the kernel uses
                    it; exits 1 saying why otherwise

Numbers: include/uapi/linux/smc.h and net/smc/smc_clc.c (smc_nl_add_ueid
wants exactly SMC_MAX_EID_LEN characters, blank padded, then NUL;
smc_nl_dump_seid), include/uapi/linux/netlink.h and genetlink.h, Linux 6.12.
Netlink is in the host's byte order, whatever the architecture.
"""
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 0x1, 0x4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
SMC_NETLINK_ADD_UEID, SMC_NETLINK_DUMP_SEID = 10, 13
SMC_NLA_EID_TABLE_ENTRY = 1
SMC_NLA_SEID_ENTRY, SMC_NLA_SEID_ENABLED = 1, 2
SMC_MAX_EID_LEN = 32


def fail(message):
    print("eid.py: " + message, file=sys.stderr)
    sys.exit(1)


def attribute(kind, payload):
    head = struct.pack("=HH", 4 + len(payload), kind)
    return head + payload + b"\0" * (-len(payload) % 4)


def parse_attributes(data):
    found = {}
    while len(data) >= 4:
        length, kind = struct.unpack_from("=HH", data)
        if length < 4:
            break
        found[kind & 0x3fff] = data[4:length]
        data = data[(length + 3) & ~3:]
    return found


def exchange(family, command, flags, attrs=b""):
    """One request; the payloads of its replies, up to the dump's end or
    the acknowledgement (so a request that is no dump needs NLM_F_ACK); an
    error raises OSError."""
    body = struct.pack("=BBH", command, 1, 0) + attrs
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC) as s:
        s.bind((0, 0))
        s.send(struct.pack("=IHHII", 16 + len(body), family, NLM_F_REQUEST | flags, 1, 0) + body)
        replies = []
        while True:
            data = s.recv(65536)
            while len(data) >= 16:
                length, kind = struct.unpack_from("=IH", data)
                payload = data[16:length]
                if kind == NLMSG_DONE:
                    return replies
                if kind == NLMSG_ERROR:
                    error = -struct.unpack_from("=i", payload)[0]
                    if error:
                        raise OSError(error, os.strerror(error))
                    return replies
                replies.append(payload)
                data = data[(length + 3) & ~3:]


def smc_family():
    try:
        reply = exchange(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK,
                         attribute(CTRL_ATTR_FAMILY_NAME, b"SMC_GEN_NETLINK\0"))
    except OSError:
        fail("no SMC_GEN_NETLINK generic netlink family (is smc.ko loaded?)")
    family = parse_attributes(reply[0][4:])[CTRL_ATTR_FAMILY_ID]
    return struct.unpack_from("=H", family)[0]


def add_ueid(ueid):
    if not ueid or len(ueid) > SMC_MAX_EID_LEN or any(
            not (c.isascii() and (c.isupper() or c.isdigit() or c in ".-")) for c in ueid):
        fail("a UEID is 1 to 32 characters of A-Z 0-9 . -, not %r" % ueid)
    entry = ueid.ljust(SMC_MAX_EID_LEN).encode() + b"\0"
    try:
        exchange(smc_family(), SMC_NETLINK_ADD_UEID, NLM_F_ACK,
                 attribute(SMC_NLA_EID_TABLE_ENTRY, entry))
    except OSError as e:
        fail("the kernel refused UEID %s: %s" % (ueid, e.strerror))
    print(ueid)


def system_eid():
    try:
        replies = exchange(smc_family(), SMC_NETLINK_DUMP_SEID, NLM_F_DUMP)
    except OSError as e:
        fail("SMC_NETLINK_DUMP_SEID failed: " + e.strerror)
    attrs = parse_attributes(replies[0][4:]) if replies else {}
    if SMC_NLA_SEID_ENTRY not in attrs:
        fail("the kernel has no system EID (no SMC-Dv2 device)")
    seid = attrs[SMC_NLA_SEID_ENTRY].split(b"\0", 1)[0].decode()
    if not attrs.get(SMC_NLA_SEID_ENABLED, b"\0")[0]:
        fail("the system EID %s is disabled" % seid)
    print(seid)


def main():
    if sys.argv[1:2] == ["add"] and len(sys.argv) == 3:
        add_ueid(sys.argv[2])
    elif sys.argv[1:] == ["seid"]:
        system_eid()
    else:
        fail("usage: eid.py add UEID | eid.py seid")


if __name__ == "__main__":
    main()
