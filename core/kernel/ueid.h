// User Enterprise IDs (UEIDs): SMC-Dv2 and SMC-Rv2 only connect peers that
// share an EID, and on x86 there is no system EID, so without a UEID every
// SMC-D connection over loopback-ism is declined (NOUEID). These talk to the
// kernel's table through generic netlink family SMC_GEN_NETLINK
// (include/uapi/linux/smc.h, net/smc/smc_clc.c).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/smc_abi.h"
#include "core/common/result.h"

namespace smc {

inline constexpr std::size_t kEidLength = kSmcMaxEidLen;

// The kernel's form of `text`: upper-cased and blank-padded to 32
// characters. The kernel accepts only A-Z, 0-9, '.' and '-', starting with
// a letter or digit (smc_clc_ueid_valid); anything else is refused here
// with a message naming the value.
Result<std::string> make_ueid(std::string_view text);

// `ueid` without the blanks that pad it to 32 characters, for messages.
std::string shown_ueid(const std::string& ueid);

// What happened on add: a new entry, or one that was there already.
enum class UeidAdded { kAdded, kAlreadyThere };

Result<UeidAdded> add_ueid(const std::string& ueid);  // ueid from make_ueid
Result<Ok> remove_ueid(const std::string& ueid);
Result<Ok> flush_ueids();
// The UEIDs in the kernel's table, trailing blanks removed.
Result<std::vector<std::string>> list_ueids();

}  // namespace smc
