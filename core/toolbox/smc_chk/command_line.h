// smc_chk's command line: smc_chk [-hjqv], and smc-tools' cross-host
// modes: smc_chk -S [-p PORT] [-6] and smc_chk -C IP [-p PORT] [-6] [-jq].
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/common/result.h"

namespace smc {

// smc-tools' smc_chk port for -S and -C.
inline constexpr std::uint16_t kDefaultChkPort = 37373;

enum class ChkMode {
  kLoopback,  // the checks and a connection over 127.0.0.1
  kServer,    // -S: serve -C clients of other hosts
  kClient,    // -C IP: the checks and a connection to a -S server
};

struct SmcChkOptions {
  ChkMode mode = ChkMode::kLoopback;
  std::string peer;  // -C's address as given
  sockaddr_storage peer_address{};  // ... with the port
  std::uint16_t port = kDefaultChkPort;
  bool ipv6 = false;   // -6
  bool json = false;   // -j: one JSON object, for scripts
  bool quiet = false;  // -q: the verdict line only
  bool help = false;
  bool version = false;
};

// `args` excludes argv[0].
Result<SmcChkOptions> parse_smc_chk_options(std::span<const std::string> args);

// The smc_chk -h text; core/toolbox/smc_chk/smc_chk.8 follows it.
const std::string& smc_chk_usage();

}  // namespace smc
