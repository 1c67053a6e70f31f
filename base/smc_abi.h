// The kernel's SMC interface as smc_run uses it, each fact written once
// with the Linux source it comes from. libc's headers have none of it, and
// Debian 12's kernel headers predate IPPROTO_SMC and smc_diag's mode and
// fallback fields, so it is declared here rather than included.
#pragma once

#include <linux/inet_diag.h>  // struct inet_diag_sockid

#include <cstdint>

namespace smc {

// ---- Sockets -------------------------------------------------------------

// include/linux/socket.h
inline constexpr int kAfSmc = 43;
// net/smc/smc.h: the protocol argument of socket(AF_SMC, ...).
inline constexpr int kSmcProtoSmc = 0;   // SMCPROTO_SMC: SMC over IPv4
inline constexpr int kSmcProtoSmc6 = 1;  // SMCPROTO_SMC6: SMC over IPv6
// include/uapi/linux/in.h, Linux 6.11 and later: an AF_INET/AF_INET6
// socket whose protocol is SMC (net/smc/smc_inet.c). It keeps its INET
// identity (SO_DOMAIN), unlike an AF_SMC socket.
inline constexpr int kIpprotoSmc = 256;
// include/linux/net.h, SOCK_TYPE_MASK: the low bits of socket()'s `type`
// are the type, the rest are flags such as SOCK_NONBLOCK and SOCK_CLOEXEC.
inline constexpr int kSockTypeMask = 0xf;

// ---- SMC_DIAG: include/uapi/linux/smc_diag.h, net/smc/smc_diag.c ----------
// Asked over NETLINK_SOCK_DIAG with SOCK_DIAG_BY_FAMILY and family AF_SMC;
// it answers for AF_SMC and IPPROTO_SMC sockets alike.

// struct smc_diag_req
struct SmcDiagRequest {
  std::uint8_t family;  // diag_family: AF_SMC
  std::uint8_t pad[2];
  std::uint8_t ext;     // bit (n - 1) asks for attribute n (below)
  inet_diag_sockid id;
};

// struct smc_diag_msg, the head of each reply; attributes follow it.
struct SmcDiagMessage {
  std::uint8_t family;  // the socket's own: AF_SMC, or AF_INET/AF_INET6
  std::uint8_t state;   // enum smc_state (below)
  std::uint8_t mode;    // SMC_DIAG_MODE_* (below)
  std::uint8_t shutdown;
  inet_diag_sockid id;
  std::uint32_t uid;
  alignas(8) std::uint64_t inode;
};
static_assert(sizeof(SmcDiagMessage) == 64, "struct smc_diag_msg");

// Attribute types of a reply, and the extensions a request asks for.
inline constexpr std::uint16_t kSmcDiagConnInfo = 1;  // SMC_DIAG_CONNINFO
inline constexpr std::uint16_t kSmcDiagShutdown = 3;  // SMC_DIAG_SHUTDOWN
inline constexpr std::uint16_t kSmcDiagFallback = 5;  // SMC_DIAG_FALLBACK

// struct smc_diag_cursor
struct SmcDiagCursor {
  std::uint16_t reserved;
  std::uint16_t wrap;
  std::uint32_t count;
};

// struct smc_diag_conninfo: SMC_DIAG_CONNINFO, once a connection has
// buffers.
struct SmcDiagConnInfo {
  std::uint32_t token;
  std::uint32_t sndbuf_size;     // our send buffer
  std::uint32_t rmbe_size;       // our receive buffer (RMB element / DMB)
  std::uint32_t peer_rmbe_size;  // the peer's receive buffer
  SmcDiagCursor rx_prod, rx_cons, tx_prod, tx_cons;
  std::uint8_t flags[4];
  SmcDiagCursor tx_prep, tx_sent, tx_fin;
};

// struct smc_diag_fallback: SMC_DIAG_FALLBACK.
struct SmcDiagFallback {
  std::uint32_t reason;          // SMC_CLC_DECL_* on our side
  std::uint32_t peer_diagnosis;  // ... and the peer's
};

// diag_mode: what the connection uses.
inline constexpr std::uint8_t kSmcDiagModeSmcR = 0;         // SMC_DIAG_MODE_SMCR
inline constexpr std::uint8_t kSmcDiagModeFallbackTcp = 1;  // SMC_DIAG_MODE_FALLBACK_TCP
inline constexpr std::uint8_t kSmcDiagModeSmcD = 2;         // SMC_DIAG_MODE_SMCD

// diag_state: enum smc_state in net/smc/smc.h.
inline constexpr std::uint8_t kSmcActive = 1;
inline constexpr std::uint8_t kSmcInit = 2;
inline constexpr std::uint8_t kSmcClosed = 7;
inline constexpr std::uint8_t kSmcListen = 10;
inline constexpr std::uint8_t kSmcPeerCloseWait1 = 20;
inline constexpr std::uint8_t kSmcPeerCloseWait2 = 21;
inline constexpr std::uint8_t kSmcAppCloseWait1 = 22;
inline constexpr std::uint8_t kSmcAppCloseWait2 = 23;
inline constexpr std::uint8_t kSmcAppFinCloseWait = 24;
inline constexpr std::uint8_t kSmcPeerFinCloseWait = 25;
inline constexpr std::uint8_t kSmcPeerAbortWait = 26;
inline constexpr std::uint8_t kSmcProcessAbort = 27;

// ---- Why a connection fell back: SMC_CLC_DECL_* in net/smc/smc_clc.h -----
// (names and phrases for them: base/decline.h)

inline constexpr std::uint32_t kDeclMem = 0x01010000;
inline constexpr std::uint32_t kDeclTimeoutCl = 0x02010000;
inline constexpr std::uint32_t kDeclTimeoutAl = 0x02020000;
inline constexpr std::uint32_t kDeclCnfErr = 0x03000000;
inline constexpr std::uint32_t kDeclPeerNoSmc = 0x03010000;
inline constexpr std::uint32_t kDeclIpsec = 0x03020000;
inline constexpr std::uint32_t kDeclNoSmcDev = 0x03030000;
inline constexpr std::uint32_t kDeclNoSmcdDev = 0x03030001;
inline constexpr std::uint32_t kDeclNoSmcrDev = 0x03030002;
inline constexpr std::uint32_t kDeclNoIsm2Supp = 0x03030003;
inline constexpr std::uint32_t kDeclNoV2Ext = 0x03030004;
inline constexpr std::uint32_t kDeclNoV2DExt = 0x03030005;
inline constexpr std::uint32_t kDeclNoSeid = 0x03030006;
inline constexpr std::uint32_t kDeclNoSmcd2Dev = 0x03030007;
inline constexpr std::uint32_t kDeclNoUeid = 0x03030008;
inline constexpr std::uint32_t kDeclReleaseErr = 0x03030009;
inline constexpr std::uint32_t kDeclMaxConnErr = 0x0303000a;
inline constexpr std::uint32_t kDeclMaxLinkErr = 0x0303000b;
inline constexpr std::uint32_t kDeclModeUnsupp = 0x03040000;
inline constexpr std::uint32_t kDeclRmbeEc = 0x03050000;
inline constexpr std::uint32_t kDeclOptUnsupp = 0x03060000;
inline constexpr std::uint32_t kDeclDiffPrefix = 0x03070000;
inline constexpr std::uint32_t kDeclGetVlanErr = 0x03080000;
inline constexpr std::uint32_t kDeclIsmVlanErr = 0x03090000;
inline constexpr std::uint32_t kDeclNoActLink = 0x030a0000;
inline constexpr std::uint32_t kDeclNoSrvLink = 0x030b0000;
inline constexpr std::uint32_t kDeclVersMismat = 0x030c0000;
inline constexpr std::uint32_t kDeclMaxDmb = 0x030d0000;
inline constexpr std::uint32_t kDeclNoRoute = 0x030e0000;
inline constexpr std::uint32_t kDeclNoIndirect = 0x030f0000;
inline constexpr std::uint32_t kDeclSyncErr = 0x04000000;
inline constexpr std::uint32_t kDeclPeerDecl = 0x05000000;
inline constexpr std::uint32_t kDeclIntErr = 0x09990000;
inline constexpr std::uint32_t kDeclErrRtok = 0x09990001;
inline constexpr std::uint32_t kDeclErrRdyLnk = 0x09990002;
inline constexpr std::uint32_t kDeclErrRegBuf = 0x09990003;

// ---- Generic netlink family SMC_GEN_NETLINK: include/uapi/linux/smc.h ----

inline constexpr char kSmcGenlFamilyName[] = "SMC_GEN_NETLINK";  // SMC_GENL_FAMILY_NAME
inline constexpr std::uint8_t kSmcGenlFamilyVersion = 1;  // SMC_GENL_FAMILY_VERSION

// Commands (SMC_NETLINK_*).
inline constexpr std::uint8_t kSmcNetlinkGetSysInfo = 1;
inline constexpr std::uint8_t kSmcNetlinkGetDevSmcd = 5;
inline constexpr std::uint8_t kSmcNetlinkGetDevSmcr = 6;
inline constexpr std::uint8_t kSmcNetlinkDumpUeid = 9;
inline constexpr std::uint8_t kSmcNetlinkAddUeid = 10;
inline constexpr std::uint8_t kSmcNetlinkRemoveUeid = 11;
inline constexpr std::uint8_t kSmcNetlinkFlushUeid = 12;
inline constexpr std::uint8_t kSmcNetlinkDumpSeid = 13;

// Top-level nests of the replies (SMC_GEN_*).
inline constexpr std::uint16_t kSmcGenSysInfo = 1;
inline constexpr std::uint16_t kSmcGenDevSmcd = 5;
inline constexpr std::uint16_t kSmcGenDevSmcr = 6;

// Inside SMC_GEN_SYS_INFO (SMC_NLA_SYS_*).
inline constexpr std::uint16_t kSmcNlaSysVer = 1;
inline constexpr std::uint16_t kSmcNlaSysRel = 2;
inline constexpr std::uint16_t kSmcNlaSysIsIsmV2 = 3;
inline constexpr std::uint16_t kSmcNlaSysLocalHost = 4;
inline constexpr std::uint16_t kSmcNlaSysIsSmcrV2 = 6;

// Inside SMC_GEN_DEV_SMCD and SMC_GEN_DEV_SMCR (SMC_NLA_DEV_*).
inline constexpr std::uint16_t kSmcNlaDevUseCnt = 1;
inline constexpr std::uint16_t kSmcNlaDevPciChid = 4;
inline constexpr std::uint16_t kSmcNlaDevPciId = 7;
inline constexpr std::uint16_t kSmcNlaDevPort = 8;  // SMC_NLA_DEV_PORT2 follows
inline constexpr std::uint16_t kSmcNlaDevIbName = 10;

// Inside SMC_NLA_DEV_PORT and SMC_NLA_DEV_PORT2 (SMC_NLA_DEV_PORT_*).
inline constexpr std::uint16_t kSmcNlaDevPortPnetUsr = 1;
inline constexpr std::uint16_t kSmcNlaDevPortPnetid = 2;
inline constexpr std::uint16_t kSmcNlaDevPortNetdev = 3;
inline constexpr std::uint16_t kSmcNlaDevPortState = 4;
inline constexpr std::uint16_t kSmcNlaDevPortLnkCnt = 6;

// The SEID dump (SMC_NLA_SEID_*) and the UEID table (SMC_NLA_EID_TABLE_*).
inline constexpr std::uint16_t kSmcNlaSeidEntry = 1;
inline constexpr std::uint16_t kSmcNlaSeidEnabled = 2;
inline constexpr std::uint16_t kSmcNlaEidTableEntry = 1;

// Sizes: SMC_MAX_EID_LEN, SMC_MAX_PORTS and SMC_MAX_UEID in
// include/uapi/linux/smc.h. The UEID table's cap is SMC_MAX_UEID (4, checked
// in net/smc/smc_clc.c:smc_clc_ueid_add, which answers ERANGE past it), not
// SMC_CLC_MAX_UEID (8, how many a CLC message may carry).
inline constexpr int kSmcMaxEidLen = 32;     // EIDs are blank-padded to it
inline constexpr int kSmcMaxPorts = 2;       // ports per SMC-R device
inline constexpr int kSmcMaxUeid = 4;        // UEIDs in the kernel's table

}  // namespace smc
