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
inline constexpr std::uint16_t kSmcDiagLgrInfo = 2;   // SMC_DIAG_LGRINFO
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

// IB_DEVICE_NAME_MAX in include/rdma/ib_verbs.h (and uapi
// rdma/ib_user_verbs.h): an RDMA device name with its NUL.
inline constexpr int kIbDeviceNameMax = 64;
// The GIDs in SMC_DIAG_LGRINFO and SMC_NLA_LINK_*GID are text: eight
// 4-digit groups with colons (net/smc/smc_core.h, smc_gid_be16_convert).
inline constexpr int kSmcGidTextMax = 40;

// struct smc_diag_linkinfo: the link a connection uses.
struct SmcDiagLinkInfo {
  std::uint8_t link_id;
  char ibname[kIbDeviceNameMax];  // the RDMA device, "rxe0", NUL-padded
  std::uint8_t ibport;            // its port, from 1
  char gid[kSmcGidTextMax];       // local GID as text
  char peer_gid[kSmcGidTextMax];
};

// struct smc_diag_lgrinfo: SMC_DIAG_LGRINFO, sent for SMC-R connections
// with a link group when the request asks for it (net/smc/smc_diag.c).
struct SmcDiagLgrInfo {
  SmcDiagLinkInfo link;  // lnk[1]
  std::uint8_t role;     // enum smc_lgr_role (kSmcLgrRole*)
};
static_assert(sizeof(SmcDiagLgrInfo) == 147, "struct smc_diag_lgrinfo");

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
inline constexpr std::uint8_t kSmcNetlinkGetLgrSmcr = 2;
inline constexpr std::uint8_t kSmcNetlinkGetLinkSmcr = 3;  // link groups, each with its links
inline constexpr std::uint8_t kSmcNetlinkGetLgrSmcd = 4;
inline constexpr std::uint8_t kSmcNetlinkGetDevSmcd = 5;
inline constexpr std::uint8_t kSmcNetlinkGetDevSmcr = 6;
inline constexpr std::uint8_t kSmcNetlinkGetStats = 7;
inline constexpr std::uint8_t kSmcNetlinkGetFbackStats = 8;
inline constexpr std::uint8_t kSmcNetlinkDumpUeid = 9;
inline constexpr std::uint8_t kSmcNetlinkAddUeid = 10;
inline constexpr std::uint8_t kSmcNetlinkRemoveUeid = 11;
inline constexpr std::uint8_t kSmcNetlinkFlushUeid = 12;
inline constexpr std::uint8_t kSmcNetlinkDumpSeid = 13;
inline constexpr std::uint8_t kSmcNetlinkEnableSeid = 14;
inline constexpr std::uint8_t kSmcNetlinkDisableSeid = 15;
// Linux 6.12 has no command that resets the statistics: they only grow
// while the smc module is loaded (net/smc/smc_stats.c).

// Top-level nests of the replies (SMC_GEN_*).
inline constexpr std::uint16_t kSmcGenSysInfo = 1;
inline constexpr std::uint16_t kSmcGenLgrSmcr = 2;
inline constexpr std::uint16_t kSmcGenLinkSmcr = 3;
inline constexpr std::uint16_t kSmcGenLgrSmcd = 4;
inline constexpr std::uint16_t kSmcGenDevSmcd = 5;
inline constexpr std::uint16_t kSmcGenDevSmcr = 6;
inline constexpr std::uint16_t kSmcGenStats = 7;
inline constexpr std::uint16_t kSmcGenFbackStats = 8;

// Inside SMC_GEN_SYS_INFO (SMC_NLA_SYS_*).
inline constexpr std::uint16_t kSmcNlaSysVer = 1;
inline constexpr std::uint16_t kSmcNlaSysRel = 2;
inline constexpr std::uint16_t kSmcNlaSysIsIsmV2 = 3;
inline constexpr std::uint16_t kSmcNlaSysLocalHost = 4;
inline constexpr std::uint16_t kSmcNlaSysSeid = 5;
inline constexpr std::uint16_t kSmcNlaSysIsSmcrV2 = 6;

// Inside SMC_GEN_DEV_SMCD and SMC_GEN_DEV_SMCR (SMC_NLA_DEV_*).
inline constexpr std::uint16_t kSmcNlaDevUseCnt = 1;
inline constexpr std::uint16_t kSmcNlaDevIsCrit = 2;
inline constexpr std::uint16_t kSmcNlaDevPciFid = 3;
inline constexpr std::uint16_t kSmcNlaDevPciChid = 4;
inline constexpr std::uint16_t kSmcNlaDevPciVendor = 5;
inline constexpr std::uint16_t kSmcNlaDevPciDevice = 6;
inline constexpr std::uint16_t kSmcNlaDevPciId = 7;
inline constexpr std::uint16_t kSmcNlaDevPort = 8;  // SMC_NLA_DEV_PORT2 follows
inline constexpr std::uint16_t kSmcNlaDevIbName = 10;

// Inside SMC_NLA_DEV_PORT and SMC_NLA_DEV_PORT2 (SMC_NLA_DEV_PORT_*).
inline constexpr std::uint16_t kSmcNlaDevPortPnetUsr = 1;
inline constexpr std::uint16_t kSmcNlaDevPortPnetid = 2;
inline constexpr std::uint16_t kSmcNlaDevPortNetdev = 3;
inline constexpr std::uint16_t kSmcNlaDevPortState = 4;
inline constexpr std::uint16_t kSmcNlaDevPortValid = 5;
inline constexpr std::uint16_t kSmcNlaDevPortLnkCnt = 6;

// Inside SMC_GEN_LGR_SMCR (SMC_NLA_LGR_R_*), net/smc/smc_core.c:
// smc_nl_fill_lgr.
inline constexpr std::uint16_t kSmcNlaLgrRId = 1;        // u32
inline constexpr std::uint16_t kSmcNlaLgrRRole = 2;      // u8, enum smc_lgr_role
inline constexpr std::uint16_t kSmcNlaLgrRType = 3;      // u8, enum smc_lgr_type
inline constexpr std::uint16_t kSmcNlaLgrRPnetid = 4;    // string
inline constexpr std::uint16_t kSmcNlaLgrRVlanId = 5;    // u8
inline constexpr std::uint16_t kSmcNlaLgrRConnsNum = 6;  // u32
inline constexpr std::uint16_t kSmcNlaLgrRV2Common = 7;  // nest, SMC_NLA_LGR_V2_*
inline constexpr std::uint16_t kSmcNlaLgrRV2 = 8;        // nest, SMC_NLA_LGR_R_V2_*
inline constexpr std::uint16_t kSmcNlaLgrRSndbufAlloc = 12;  // uint: 4 or 8 bytes
inline constexpr std::uint16_t kSmcNlaLgrRRmbAlloc = 13;     // uint

// Inside SMC_NLA_LGR_R_V2_COMMON and SMC_NLA_LGR_D_V2_COMMON
// (SMC_NLA_LGR_V2_*; this enum starts at 0).
inline constexpr std::uint16_t kSmcNlaLgrV2Ver = 0;       // u8
inline constexpr std::uint16_t kSmcNlaLgrV2Rel = 1;       // u8, the peer's release
inline constexpr std::uint16_t kSmcNlaLgrV2Os = 2;        // u8, the peer's SMC_CLC_OS_*
inline constexpr std::uint16_t kSmcNlaLgrV2NegEid = 3;    // string
inline constexpr std::uint16_t kSmcNlaLgrV2PeerHost = 4;  // string

// Inside SMC_NLA_LGR_R_V2 (SMC_NLA_LGR_R_V2_*).
inline constexpr std::uint16_t kSmcNlaLgrRV2Direct = 1;    // u8: no gateway
inline constexpr std::uint16_t kSmcNlaLgrRV2MaxConns = 2;  // u8
inline constexpr std::uint16_t kSmcNlaLgrRV2MaxLinks = 3;  // u8

// Inside SMC_GEN_LINK_SMCR (SMC_NLA_LINK_*), net/smc/smc_core.c:
// smc_nl_fill_lgr_link. A link dump sends each link group's message, then
// one message per usable link of it.
inline constexpr std::uint16_t kSmcNlaLinkId = 1;        // u8
inline constexpr std::uint16_t kSmcNlaLinkIbDev = 2;     // string
inline constexpr std::uint16_t kSmcNlaLinkIbPort = 3;    // u8
inline constexpr std::uint16_t kSmcNlaLinkGid = 4;       // string
inline constexpr std::uint16_t kSmcNlaLinkPeerGid = 5;   // string
inline constexpr std::uint16_t kSmcNlaLinkConnCnt = 6;   // u32
inline constexpr std::uint16_t kSmcNlaLinkNetDev = 7;    // u32, an ifindex
inline constexpr std::uint16_t kSmcNlaLinkUid = 8;       // u32
inline constexpr std::uint16_t kSmcNlaLinkPeerUid = 9;   // u32
inline constexpr std::uint16_t kSmcNlaLinkState = 10;    // u32, enum smc_link_state

// Inside SMC_GEN_LGR_SMCD (SMC_NLA_LGR_D_*), net/smc/smc_core.c:
// smc_nl_fill_smcd_lgr.
inline constexpr std::uint16_t kSmcNlaLgrDId = 1;          // u32
inline constexpr std::uint16_t kSmcNlaLgrDGid = 2;         // u64
inline constexpr std::uint16_t kSmcNlaLgrDPeerGid = 3;     // u64
inline constexpr std::uint16_t kSmcNlaLgrDVlanId = 4;      // u8
inline constexpr std::uint16_t kSmcNlaLgrDConnsNum = 5;    // u32
inline constexpr std::uint16_t kSmcNlaLgrDPnetid = 6;      // string
inline constexpr std::uint16_t kSmcNlaLgrDChid = 7;        // u16 (sent as u32)
inline constexpr std::uint16_t kSmcNlaLgrDV2Common = 9;    // nest, SMC_NLA_LGR_V2_*
inline constexpr std::uint16_t kSmcNlaLgrDSndbufAlloc = 12;  // uint
inline constexpr std::uint16_t kSmcNlaLgrDDmbAlloc = 13;     // uint

// net/smc/smc_core.h: enum smc_lgr_role, enum smc_lgr_type and enum
// smc_link_state; net/smc/smc_clc.h: SMC_CLC_OS_*.
inline constexpr std::uint8_t kSmcLgrRoleClient = 0;  // SMC_CLNT
inline constexpr std::uint8_t kSmcLgrRoleServer = 1;  // SMC_SERV
inline constexpr std::uint8_t kSmcLgrTypeNone = 0;
inline constexpr std::uint8_t kSmcLgrTypeSingle = 1;
inline constexpr std::uint8_t kSmcLgrTypeSymmetric = 2;
inline constexpr std::uint8_t kSmcLgrTypeAsymmetricPeer = 3;
inline constexpr std::uint8_t kSmcLgrTypeAsymmetricLocal = 4;
inline constexpr std::uint32_t kSmcLinkUnused = 0;
inline constexpr std::uint32_t kSmcLinkInactive = 1;
inline constexpr std::uint32_t kSmcLinkActivating = 2;
inline constexpr std::uint32_t kSmcLinkActive = 3;
inline constexpr std::uint8_t kSmcClcOsZos = 1;
inline constexpr std::uint8_t kSmcClcOsLinux = 2;
inline constexpr std::uint8_t kSmcClcOsAix = 3;

// ---- The statistics: SMC_NETLINK_GET_STATS, net/smc/smc_stats.c ----------
// One message, SMC_GEN_STATS, per network namespace; the u64 values come
// with SMC_NLA_*_PAD attributes (type 0) for alignment, to be skipped.

// Inside SMC_GEN_STATS (SMC_NLA_STATS_*).
inline constexpr std::uint16_t kSmcNlaStatsSmcdTech = 1;      // nest
inline constexpr std::uint16_t kSmcNlaStatsSmcrTech = 2;      // nest
inline constexpr std::uint16_t kSmcNlaStatsClntHsErrCnt = 3;  // u64
inline constexpr std::uint16_t kSmcNlaStatsSrvHsErrCnt = 4;   // u64

// Inside SMC_NLA_STATS_SMCD_TECH and _SMCR_TECH (SMC_NLA_STATS_T_*).
inline constexpr std::uint16_t kSmcNlaStatsTTxRmbSize = 1;    // nest, PLOAD buckets
inline constexpr std::uint16_t kSmcNlaStatsTRxRmbSize = 2;    // nest, PLOAD buckets
inline constexpr std::uint16_t kSmcNlaStatsTTxPloadSize = 3;  // nest, PLOAD buckets
inline constexpr std::uint16_t kSmcNlaStatsTRxPloadSize = 4;  // nest, PLOAD buckets
inline constexpr std::uint16_t kSmcNlaStatsTTxRmbStats = 5;   // nest, RMB counts
inline constexpr std::uint16_t kSmcNlaStatsTRxRmbStats = 6;   // nest, RMB counts
inline constexpr std::uint16_t kSmcNlaStatsTClntV1Succ = 7;   // u64
inline constexpr std::uint16_t kSmcNlaStatsTClntV2Succ = 8;   // u64
inline constexpr std::uint16_t kSmcNlaStatsTSrvV1Succ = 9;    // u64
inline constexpr std::uint16_t kSmcNlaStatsTSrvV2Succ = 10;   // u64
inline constexpr std::uint16_t kSmcNlaStatsTSendpageCnt = 11;  // u64, always 0 now
inline constexpr std::uint16_t kSmcNlaStatsTSpliceCnt = 12;   // u64
inline constexpr std::uint16_t kSmcNlaStatsTCorkCnt = 13;     // u64
inline constexpr std::uint16_t kSmcNlaStatsTNdlyCnt = 14;     // u64
inline constexpr std::uint16_t kSmcNlaStatsTUrgDataCnt = 15;  // u64
inline constexpr std::uint16_t kSmcNlaStatsTRxBytes = 16;     // u64
inline constexpr std::uint16_t kSmcNlaStatsTTxBytes = 17;     // u64
inline constexpr std::uint16_t kSmcNlaStatsTRxCnt = 18;       // u64: receive calls
inline constexpr std::uint16_t kSmcNlaStatsTTxCnt = 19;       // u64: send calls
inline constexpr std::uint16_t kSmcNlaStatsTRxRmbUsage = 20;  // uint: bytes in use now
inline constexpr std::uint16_t kSmcNlaStatsTTxRmbUsage = 21;  // uint

// Inside the PLOAD buckets (SMC_NLA_STATS_PLOAD_8K = 1 ... _G_1024K = 9):
// bucket i counts sizes up to 8 KiB << i, the last one everything above
// 1 MiB (smc_stats.h: fls((len - 1) >> 13)).
inline constexpr std::uint16_t kSmcNlaStatsPload8K = 1;
inline constexpr int kSmcStatsBuckets = 9;  // SMC_BUF_MAX

// Inside the RMB counts (SMC_NLA_STATS_RMB_*).
inline constexpr std::uint16_t kSmcNlaStatsRmbSizeSmPeerCnt = 1;
inline constexpr std::uint16_t kSmcNlaStatsRmbSizeSmCnt = 2;
inline constexpr std::uint16_t kSmcNlaStatsRmbFullPeerCnt = 3;
inline constexpr std::uint16_t kSmcNlaStatsRmbFullCnt = 4;
inline constexpr std::uint16_t kSmcNlaStatsRmbReuseCnt = 5;
inline constexpr std::uint16_t kSmcNlaStatsRmbAllocCnt = 6;
inline constexpr std::uint16_t kSmcNlaStatsRmbDgradeCnt = 7;

// SMC_NETLINK_GET_FBACK_STATS: one message per reason and side, each an
// SMC_GEN_FBACK_STATS nest; only the first holds the two totals. The kernel
// keeps the first SMC_MAX_FBACK_RSN_CNT (36) reasons per side, counting
// each in a u16 that wraps (net/smc/smc_stats.h, struct smc_stats_fback).
inline constexpr std::uint16_t kSmcNlaFbackStatsType = 1;     // u8: 1 server, 0 client
inline constexpr std::uint16_t kSmcNlaFbackStatsSrvCnt = 2;   // u64
inline constexpr std::uint16_t kSmcNlaFbackStatsClntCnt = 3;  // u64
inline constexpr std::uint16_t kSmcNlaFbackStatsRsnCode = 4;  // u32, SMC_CLC_DECL_*
inline constexpr std::uint16_t kSmcNlaFbackStatsRsnCnt = 5;   // u16

// The SEID dump (SMC_NLA_SEID_*) and the UEID table (SMC_NLA_EID_TABLE_*).
inline constexpr std::uint16_t kSmcNlaSeidEntry = 1;
inline constexpr std::uint16_t kSmcNlaSeidEnabled = 2;
inline constexpr std::uint16_t kSmcNlaEidTableEntry = 1;

// Sizes: SMC_MAX_EID_LEN, SMC_MAX_PORTS and SMC_MAX_UEID in
// include/uapi/linux/smc.h. The UEID table's cap is SMC_MAX_UEID (4, checked
// in net/smc/smc_clc.c:smc_clc_ueid_add, which answers ERANGE past it), not
// SMC_CLC_MAX_UEID (8, how many a CLC message may carry).
inline constexpr int kSmcMaxEidLen = 32;     // EIDs are blank-padded to it
// The largest buffers SMC makes for a connection: 16 KiB << SMCD_DMBE_SIZES
// (6) for SMC-D and 16 KiB << SMCR_RMBE_SIZES (15) for SMC-R, sized from
// the socket's buffer sizes (net/smc/smc_core.c: smc_compress_bufsize).
inline constexpr long kSmcdBufferMax = 1L << 20;   // 1 MiB
inline constexpr long kSmcrBufferMax = 512L << 20;  // 512 MiB
// net/smc/smc_core.h: SMC_LINKS_PER_LGR_MAX links per SMC-R link group.
inline constexpr int kSmcLinksPerLgrMax = 3;
inline constexpr int kSmcMaxPorts = 2;       // ports per SMC-R device
inline constexpr int kSmcMaxUeid = 4;        // UEIDs in the kernel's table

}  // namespace smc
