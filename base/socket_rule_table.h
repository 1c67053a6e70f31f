/* The socket conversion's rule as a table: which socket(domain, type,
 * protocol) calls become SMC, row by row, for every implementation of the
 * rule to be held against. Plain C (no C++ features, only libc's socket
 * headers), so that tests written in C can include it as well as C++ ones.
 *
 * The rule: an AF_INET or AF_INET6 stream socket, whatever its type flags,
 * with protocol 0 or IPPROTO_TCP. Nothing else: not MPTCP, SCTP or a socket
 * that already is SMC, not UNIX, packet or netlink sockets.
 *
 * Who holds to it, each with a test that runs every row:
 *   - is_tcp_socket() (base/socket_conversion.h), which the library's
 *     socket() hook and the seccomp supervisor's socket answer ask:
 *     base/socket_conversion_test.cc;
 *   - the seccomp supervisor's filter (core/supervisor/seccomp_filter), a
 *     classic BPF program that sends exactly these calls to the
 *     supervisor: core/supervisor/seccomp_filter_test.cc runs it on each
 *     row as seccomp_data;
 *   - the BPF mechanism's fmod_ret program on the kernel's
 *     update_socket_protocol (net/socket.c), which returns IPPROTO_SMC for
 *     exactly these calls: its test must run it on each row too.
 * So the rule changes here first, then in each of them, until every test
 * agrees again.
 */
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

/* Not in libc's headers (nor in Debian 12's kernel headers): the values of
 * base/smc_abi.h's kIpprotoSmc and kSmcProtoSmc6, which
 * socket_conversion_test checks these against. */
#define SMC_RULE_IPPROTO_SMC 256 /* include/uapi/linux/in.h, Linux 6.11 */
#define SMC_RULE_SMCPROTO_SMC6 1 /* net/smc/smc.h */

/* Bits above SOCK_TYPE_MASK (include/linux/net.h) that are no flag the
 * kernel knows: the type is still a stream, so the call is converted, and
 * the kernel then refuses the call (EINVAL) whatever its protocol, as it
 * would refuse the TCP call (net/socket.c, __sys_socket_create). */
#define SMC_RULE_UNKNOWN_FLAG 0x10

struct smc_socket_rule_row {
  int domain;
  int type;
  int protocol;
  int converted; /* 1: becomes SMC; 0: made as the program asked */
};

/* One call four times: as it is, and with each of socket(2)'s type flags,
 * which never change the answer. */
#define SMC_RULE_ROWS(domain, type, protocol, converted)              \
  {(domain), (type), (protocol), (converted)},                         \
  {(domain), (type) | SOCK_NONBLOCK, (protocol), (converted)},         \
  {(domain), (type) | SOCK_CLOEXEC, (protocol), (converted)},          \
  {(domain), (type) | SOCK_NONBLOCK | SOCK_CLOEXEC, (protocol), (converted)}

static const struct smc_socket_rule_row smc_socket_rule_rows[] = {
    /* TCP over IPv4 and IPv6: converted. */
    SMC_RULE_ROWS(AF_INET, SOCK_STREAM, 0, 1),
    SMC_RULE_ROWS(AF_INET, SOCK_STREAM, IPPROTO_TCP, 1),
    SMC_RULE_ROWS(AF_INET6, SOCK_STREAM, 0, 1),
    SMC_RULE_ROWS(AF_INET6, SOCK_STREAM, IPPROTO_TCP, 1),
    SMC_RULE_ROWS(AF_INET, SOCK_STREAM | SMC_RULE_UNKNOWN_FLAG, 0, 1),
    SMC_RULE_ROWS(AF_INET6, SOCK_STREAM | SMC_RULE_UNKNOWN_FLAG, IPPROTO_TCP, 1),

    /* Other protocols of an INET stream socket. */
    SMC_RULE_ROWS(AF_INET, SOCK_STREAM, IPPROTO_MPTCP, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_STREAM, IPPROTO_SCTP, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_STREAM, IPPROTO_UDP, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_STREAM, SMC_RULE_IPPROTO_SMC, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_STREAM, IPPROTO_MPTCP, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_STREAM, IPPROTO_SCTP, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_STREAM, IPPROTO_UDP, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_STREAM, SMC_RULE_IPPROTO_SMC, 0),

    /* Other types of INET socket, with TCP's protocols too. */
    SMC_RULE_ROWS(AF_INET, SOCK_DGRAM, 0, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_DGRAM, IPPROTO_TCP, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_DGRAM, IPPROTO_UDP, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_RAW, 0, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_RAW, IPPROTO_TCP, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_SEQPACKET, 0, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_SEQPACKET, IPPROTO_TCP, 0),
    SMC_RULE_ROWS(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP, 0),
    SMC_RULE_ROWS(AF_INET, 0, 0, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_DGRAM, 0, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_DGRAM, IPPROTO_TCP, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_DGRAM, IPPROTO_UDP, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_RAW, 0, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_RAW, IPPROTO_TCP, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_SEQPACKET, 0, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_SEQPACKET, IPPROTO_TCP, 0),
    SMC_RULE_ROWS(AF_INET6, SOCK_SEQPACKET, IPPROTO_SCTP, 0),
    SMC_RULE_ROWS(AF_INET6, 0, 0, 0),

    /* Already SMC: AF_SMC sockets stay as they are. */
    SMC_RULE_ROWS(AF_SMC, SOCK_STREAM, 0, 0),
    SMC_RULE_ROWS(AF_SMC, SOCK_STREAM, SMC_RULE_SMCPROTO_SMC6, 0),
    SMC_RULE_ROWS(AF_SMC, SOCK_STREAM, IPPROTO_TCP, 0),

    /* Other families, with TCP's type and protocols too. */
    SMC_RULE_ROWS(AF_UNIX, SOCK_STREAM, 0, 0),
    SMC_RULE_ROWS(AF_UNIX, SOCK_STREAM, IPPROTO_TCP, 0),
    SMC_RULE_ROWS(AF_UNIX, SOCK_DGRAM, 0, 0),
    SMC_RULE_ROWS(AF_UNIX, SOCK_SEQPACKET, 0, 0),
    SMC_RULE_ROWS(AF_PACKET, SOCK_RAW, 0, 0),
    SMC_RULE_ROWS(AF_PACKET, SOCK_DGRAM, 0, 0),
    SMC_RULE_ROWS(AF_PACKET, SOCK_STREAM, 0, 0),
    SMC_RULE_ROWS(AF_PACKET, SOCK_STREAM, IPPROTO_TCP, 0),
    SMC_RULE_ROWS(AF_NETLINK, SOCK_RAW, 0, 0),
    SMC_RULE_ROWS(AF_NETLINK, SOCK_STREAM, 0, 0),
    SMC_RULE_ROWS(AF_UNSPEC, SOCK_STREAM, 0, 0),
    SMC_RULE_ROWS(AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0),
    SMC_RULE_ROWS(-1, SOCK_STREAM, 0, 0),
};

#define SMC_SOCKET_RULE_ROW_COUNT \
  (sizeof smc_socket_rule_rows / sizeof smc_socket_rule_rows[0])
