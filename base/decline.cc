#include "base/decline.h"

#include "base/smc_abi.h"

namespace smc {
namespace {

// net/smc/smc_clc.h, SMC_CLC_DECL_*: the codes and what they mean.
struct Decline {
  std::uint32_t code;
  const char* name;
  const char* text;
};

constexpr Decline kDeclines[] = {
    {kDeclMem, "MEM", "insufficient memory"},
    {kDeclTimeoutCl, "TIMEOUT_CL", "timeout waiting for confirm link"},
    {kDeclTimeoutAl, "TIMEOUT_AL", "timeout waiting for add link"},
    {kDeclCnfErr, "CNFERR", "configuration error"},
    {kDeclPeerNoSmc, "PEERNOSMC", "peer did not indicate SMC"},
    {kDeclIpsec, "IPSEC", "IPsec in use"},
    {kDeclNoSmcDev, "NOSMCDEV", "no SMC device found (R or D)"},
    {kDeclNoSmcdDev, "NOSMCDDEV", "no SMC-D device found"},
    {kDeclNoSmcrDev, "NOSMCRDEV", "no SMC-R device found"},
    {kDeclNoIsm2Supp, "NOISM2SUPP", "hardware has no ISMv2 support"},
    {kDeclNoV2Ext, "NOV2EXT", "peer sent no CLC v2 extension"},
    {kDeclNoV2DExt, "NOV2DEXT", "peer sent no CLC SMC-Dv2 extension"},
    {kDeclNoSeid, "NOSEID", "peer sent no SEID"},
    {kDeclNoSmcd2Dev, "NOSMCD2DEV", "no SMC-Dv2 device found"},
    {kDeclNoUeid, "NOUEID", "peer sent no UEID"},
    {kDeclReleaseErr, "RELEASEERR", "release version negotiation failed"},
    {kDeclMaxConnErr, "MAXCONNERR", "max connections negotiation failed"},
    {kDeclMaxLinkErr, "MAXLINKERR", "max links negotiation failed"},
    {kDeclModeUnsupp, "MODEUNSUPP", "SMC modes do not match (R or D)"},
    {kDeclRmbeEc, "RMBE_EC", "peer has eyecatcher in RMBE"},
    {kDeclOptUnsupp, "OPTUNSUPP", "fastopen sockopt not supported"},
    {kDeclDiffPrefix, "DIFFPREFIX", "IP prefix / subnet mismatch"},
    {kDeclGetVlanErr, "GETVLANERR", "cannot get VLAN id of IP device"},
    {kDeclIsmVlanErr, "ISMVLANERR", "cannot register VLAN id on ISM device"},
    {kDeclNoActLink, "NOACTLINK", "no active SMC-R link in link group"},
    {kDeclNoSrvLink, "NOSRVLINK", "SMC-R link from server not found"},
    {kDeclVersMismat, "VERSMISMAT", "SMC version mismatch"},
    {kDeclMaxDmb, "MAX_DMB", "SMC-D DMB limit exceeded"},
    {kDeclNoRoute, "NOROUTE", "SMC-Rv2 connection: no route to peer"},
    {kDeclNoIndirect, "NOINDIRECT", "SMC-Rv2 connection: indirect mismatch"},
    {kDeclSyncErr, "SYNCERR", "synchronization error"},
    {kDeclPeerDecl, "PEERDECL", "peer declined during handshake"},
    {kDeclIntErr, "INTERR", "internal error"},
    {kDeclErrRtok, "ERR_RTOK", "rtoken handling failed"},
    {kDeclErrRdyLnk, "ERR_RDYLNK", "ib ready link failed"},
    {kDeclErrRegBuf, "ERR_REGBUF", "reg rdma bufs failed"},
};

const Decline* find_decline(std::uint32_t code) {
  for (const Decline& d : kDeclines) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

}  // namespace

const char* decline_name(std::uint32_t code) {
  const Decline* d = find_decline(code);
  return d != nullptr ? d->name : nullptr;
}

const char* decline_text(std::uint32_t code) {
  const Decline* d = find_decline(code);
  return d != nullptr ? d->text : nullptr;
}

}  // namespace smc
