/* Which socket() calls the BPF program makes SMC: the same rule as
 * base/socket_conversion.h's is_tcp_socket() (the library's and the seccomp
 * supervisor's), written in C so that the BPF program (socket_protocol.bpf.c)
 * and a host doctest (conversion_rule_test.cc) include this very function.
 * The doctest holds it against every row of base/socket_rule_table.h, the
 * table the library's is_tcp_socket() and the seccomp filter are held to.
 *
 * Plain C with no includes: the BPF side has no libc, so the kernel's numbers
 * are written here, each with its source, and the doctest checks them
 * against libc's and base/smc_abi.h's. */
#ifndef SMC_CORE_BPF_CONVERSION_RULE_H
#define SMC_CORE_BPF_CONVERSION_RULE_H

#define SMC_RULE_AF_INET 2        /* include/linux/socket.h */
#define SMC_RULE_AF_INET6 10      /* include/linux/socket.h */
#define SMC_RULE_SOCK_STREAM 1    /* include/linux/net.h, enum sock_type */
#define SMC_RULE_TYPE_MASK 0xf    /* include/linux/net.h, SOCK_TYPE_MASK */
#define SMC_RULE_IPPROTO_TCP 6    /* include/uapi/linux/in.h */
#define SMC_RULE_IPPROTO_SMC 256  /* include/uapi/linux/in.h, Linux 6.11 */

/* The protocol that socket(family, type, protocol) gets instead, or 0 to
 * leave the call as it is (which is also what an fmod_ret program returns
 * to let the kernel's update_socket_protocol() keep `protocol`).
 * A TCP socket is AF_INET or AF_INET6, of type SOCK_STREAM whatever flags
 * ride along in `type` (SOCK_NONBLOCK, SOCK_CLOEXEC), with protocol 0 or
 * IPPROTO_TCP; it becomes IPPROTO_SMC, which keeps its INET identity. */
static inline int smc_rule_protocol(int family, int type, int protocol)
{
	int inet = family == SMC_RULE_AF_INET || family == SMC_RULE_AF_INET6;
	int stream = (type & SMC_RULE_TYPE_MASK) == SMC_RULE_SOCK_STREAM;
	int tcp = protocol == 0 || protocol == SMC_RULE_IPPROTO_TCP;

	return inet && stream && tcp ? SMC_RULE_IPPROTO_SMC : 0;
}

#endif
