#!/usr/bin/env python3
"""The guest checks' oracle (smc_kernel.py) decodes the kernel's replies
as a little-endian (x86, arm64) and a big-endian (s390x) kernel sends
them: netlink numbers in the host's order, ports and addresses in network
order. Runs on any host: the replies are built here, byte by byte, in each
order, and handed to the oracle's decoders in place of a socket.

Ends with "[cases] N passed | N failed | 0 skipped" for tools/test.
"""
import os
import socket
import struct
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import smc_kernel as oracle  # noqa: E402  (the oracle under test)

ORDERS = {"little": "<", "big": ">"}


def attr(order, kind, payload):
    """One netlink attribute in ORDER, padded to 4 bytes."""
    data = struct.pack(ORDERS[order] + "HH", 4 + len(payload), kind) + payload
    return data + b"\0" * (-len(data) % 4)


def u(order, layout, value):
    return struct.pack(ORDERS[order] + layout, value)


def diag_reply(order):
    """An SMC_DIAG reply for an AF_SMC IPv4 connection 127.0.0.1:8080 ->
    127.0.0.1:40000 on SMC-D, inode 0x1122334455, uid 1000."""
    head = struct.pack("BBBB", 43, 1, 2, 0)  # AF_SMC, ACTIVE, SMCD, shutdown
    ports = struct.pack("!HH", 8080, 40000)
    src = socket.inet_aton("127.0.0.1") + b"\0" * 12
    dst = socket.inet_aton("127.0.0.1") + b"\0" * 12
    rest = u(order, "I", 0) + b"\0" * 8  # idiag_if, idiag_cookie
    ids = u(order, "I", 1000) + u(order, "Q", 0x1122334455)
    msg = head + ports + src + dst + rest + ids
    assert len(msg) == oracle.SMC_DIAG_MSG_LEN
    conninfo = struct.pack(ORDERS[order] + "IIII", 0xabc, 65536, 1048576, 262144) + b"\0" * 52
    return (msg + attr(order, oracle.SMC_DIAG_SHUTDOWN, b"\x00")
            + attr(order, oracle.SMC_DIAG_FALLBACK, struct.pack(ORDERS[order] + "II", 0, 0))
            + attr(order, oracle.SMC_DIAG_CONNINFO, conninfo))


def genl(order, *attrs):
    """A generic netlink reply's payload: genlmsghdr, then ATTRS."""
    return struct.pack("BBH", 7, 1, 0) + b"".join(attrs)


def use_order(order):
    oracle.BYTE_ORDER = order


def smc_diag_replies_keep_ports_and_addresses_in_network_order(order):
    use_order(order)
    s = oracle.diag_message(diag_reply(order))
    assert (s["inode"], s["uid"]) == (0x1122334455, 1000), s
    assert (s["sport"], s["dport"]) == (8080, 40000), s
    assert (s["local"], s["peer"]) == ("127.0.0.1:8080", "127.0.0.1:40000"), s
    assert (s["state"], s["mode"], s["shutdown"]) == ("ACTIVE", "SMCD", 0), s
    assert (s["token"], s["sndbuf"], s["rmbe"], s["peer_rmbe"]) == (0xabc, 65536, 1048576, 262144), s
    assert (s["fallback"], s["peer_diagnosis"]) == (0, 0), s


def smc_diag_replies_name_ipv6_and_missing_addresses(order):
    use_order(order)
    reply = bytearray(diag_reply(order))
    reply[8:24] = socket.inet_pton(socket.AF_INET6, "::1")
    reply[24:40] = socket.inet_pton(socket.AF_INET6, "fd00::2")
    s = oracle.diag_message(bytes(reply))
    assert (s["local"], s["peer"]) == ("[::1]:8080", "[fd00::2]:40000"), s
    reply[8:40] = b"\0" * 32  # IPPROTO_SMC: 6.12 fills only the ports
    s = oracle.diag_message(bytes(reply))
    assert (s["local"], s["peer"]) == ("*:8080", "*:40000"), s


def fallback_codes_are_read_in_the_kernels_order(order):
    use_order(order)
    reply = bytearray(diag_reply(order))
    reply[2] = 1  # SMC_DIAG_MODE_FALLBACK_TCP
    fallback = struct.pack(ORDERS[order] + "II", 0x05000000, 0x03030000)
    at = reply.find(attr(order, oracle.SMC_DIAG_FALLBACK, b"\0" * 8))
    reply[at:at + 12] = attr(order, oracle.SMC_DIAG_FALLBACK, fallback)
    s = oracle.diag_message(bytes(reply))
    assert (s["mode"], s["fallback"], s["peer_diagnosis"]) == ("TCP", 0x05000000, 0x03030000), s


def proc_net_tcp_addresses_are_host_order_words(order):
    use_order(order)
    # What get_tcp4_sock/get_tcp6_sock print on such a host for
    # 127.0.0.1:8080 and [::1]:8080: each __be32 word as a number.
    word = lambda raw: "%08X" % struct.unpack(ORDERS[order] + "I", raw)[0]
    v4 = word(socket.inet_aton("127.0.0.1"))
    assert v4 == {"little": "0100007F", "big": "7F000001"}[order], v4
    assert oracle.proc_endpoint(v4 + ":1F90") == "127.0.0.1:8080"
    raw6 = socket.inet_pton(socket.AF_INET6, "::1")
    v6 = "".join(word(raw6[i:i + 4]) for i in range(0, 16, 4))
    assert oracle.proc_endpoint(v6 + ":1F90") == "[::1]:8080"
    table = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
             "   0: %s:1F90 %s:9C40 01 00000000:00000000 00:00000000 00000000     0        0 4242 1\n"
             % (v4, v4))
    assert oracle.tcp_table(table) == {4242: ("ESTABLISHED", "127.0.0.1:8080", "127.0.0.1:40000")}


def integer_attributes_must_have_their_kernel_size(order):
    use_order(order)
    assert oracle.number(u(order, "H", 0x1234), "u16") == 0x1234
    assert oracle.number(u(order, "Q", 1 << 40), "u64") == 1 << 40
    assert oracle.number(u(order, "I", 7), "uint") == 7
    assert oracle.number(u(order, "Q", 1 << 33), "uint") == 1 << 33
    try:
        oracle.number(u(order, "I", 7), "u16")  # truncating would be wrong on big-endian
    except oracle.Malformed:
        pass
    else:
        raise AssertionError("a 4-byte u16 was accepted")


def counters_and_fallback_reasons_decode(order):
    use_order(order)
    smcd = attr(order, 8, u(order, "Q", 3)) + attr(order, 16, u(order, "Q", 1 << 20))
    smcr = attr(order, 10, u(order, "Q", 2))
    top = (attr(order, 1, smcd) + attr(order, 2, smcr) + attr(order, 3, u(order, "Q", 0))
           + attr(order, 4, u(order, "Q", 1)))
    fback = [attr(order, oracle.FBACK_TYPE, b"\x01") + attr(order, oracle.FBACK_SRV_CNT, u(order, "Q", 4))
             + attr(order, oracle.FBACK_CLNT_CNT, u(order, "Q", 0))
             + attr(order, oracle.FBACK_RSN_CODE, u(order, "I", 0x03010000))
             + attr(order, oracle.FBACK_RSN_CNT, u(order, "H", 4))]
    replies = {oracle.SMC_NETLINK_GET_STATS: [genl(order, attr(order, oracle.SMC_GEN_STATS, top))],
               oracle.SMC_NETLINK_GET_FBACK_STATS:
                   [genl(order, attr(order, oracle.SMC_GEN_FBACK_STATS, f)) for f in fback],
               oracle.SMC_NETLINK_DUMP_UEID:
                   [genl(order, attr(order, oracle.SMC_NLA_EID_TABLE_ENTRY,
                                     b"SMC-RUN-TESTBED".ljust(32) + b"\0"))]}
    real = oracle.genl_dump
    oracle.genl_dump = lambda command: [oracle.attributes(p[oracle.GENL_HDRLEN:])
                                        for p in replies[command]]
    try:
        got = oracle.counters()
        ueids = oracle.ueids()
    finally:
        oracle.genl_dump = real
    assert got["stats"]["smcd"] == {"clnt_v2_succ_cnt": 3, "rx_bytes": 1 << 20}, got
    assert got["stats"]["smcr"] == {"srv_v2_succ_cnt": 2}, got
    assert (got["stats"]["clnt_hshake_err_cnt"], got["stats"]["srv_hshake_err_cnt"]) == (0, 1), got
    assert got["fallbacks"] == {"srv_fback_cnt": 4, "clnt_fback_cnt": 0,
                                "server": {"0x03010000": 4}, "client": {}}, got
    assert ueids == ["SMC-RUN-TESTBED"], ueids


def netlink_messages_split_in_the_kernels_order(order):
    use_order(order)
    one = struct.pack(ORDERS[order] + "IHHII", 20, 20, 2, 1, 0) + b"abcd"
    done = struct.pack(ORDERS[order] + "IHHII", 20, oracle.NLMSG_DONE, 2, 1, 0) + b"\0" * 4
    assert oracle.messages(one + done) == [(20, b"abcd"), (oracle.NLMSG_DONE, b"\0" * 4)]


CASES = [smc_diag_replies_keep_ports_and_addresses_in_network_order,
         smc_diag_replies_name_ipv6_and_missing_addresses,
         fallback_codes_are_read_in_the_kernels_order,
         proc_net_tcp_addresses_are_host_order_words,
         integer_attributes_must_have_their_kernel_size,
         counters_and_fallback_reasons_decode,
         netlink_messages_split_in_the_kernels_order]


def main():
    passed = failed = 0
    for case in CASES:
        for order in ORDERS:
            try:
                case(order)
                passed += 1
                print("PASS %s (%s-endian)" % (case.__name__, order))
            except Exception:  # any failure of the oracle counts, and is shown
                failed += 1
                print("FAIL %s (%s-endian)" % (case.__name__, order))
                traceback.print_exc(file=sys.stdout)
    print("[cases] %d passed | %d failed | 0 skipped" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
