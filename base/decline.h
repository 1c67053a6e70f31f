// Why a connection fell back to TCP, in words: the kernel's names for its
// SMC_CLC_DECL_* codes (net/smc/smc_clc.h; the codes are in base/
// smc_abi.h) and what each means. The one table of them, for the library's
// -d lines and summaries and for smcss and smc_chk.
#pragma once

#include <cstdint>

namespace smc {

// "PEERNOSMC" for SMC_CLC_DECL_PEERNOSMC (0x03010000), or nullptr for a
// code this build does not know.
const char* decline_name(std::uint32_t code);

// "peer did not indicate SMC" for the same code, or nullptr.
const char* decline_text(std::uint32_t code);

}  // namespace smc
