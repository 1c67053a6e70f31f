// smc_run's command line, a superset of smc-tools' smc_run:
//   smc_run [-dhnv] [-f FAMILY] [-r SIZE] [-t SIZE] [--strict]
//           [--mechanism MECHANISM] [--no-inherit] [--include LIST]
//           [--exclude LIST] [--summary]
//           [--summary-file FILE] [--write-lib PATH] [--install-links [DIR]]
//           [--] PROGRAM [ARGS...]
// Parsing stops at the first non-option, like getopt with a leading '+', so
// PROGRAM's own options pass through untouched.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/connection_filter.h"
#include "base/socket_conversion.h"
#include "core/common/result.h"
#include "core/launch/mechanism_request.h"

namespace smc {

struct BufferSize {
  int bytes;
  std::string text;  // as the user wrote it, for messages
};

// --include or --exclude: each LIST as given (for -d), and the rules of
// them all, parsed once, in order. The rules point into `lists`, which
// copies share, so that they stay where they are.
struct RuleOption {
  std::vector<std::shared_ptr<const std::string>> lists;
  RuleList rules{};  // `entries` counts them all, also past kMaxRules
};

struct Options {
  bool debug = false;
  bool help = false;
  bool version = false;
  bool strict = false;
  bool no_inherit = false;
  bool dry_run = false;  // -n
  bool summary = false;
  std::optional<Family> family;                // -f
  std::optional<MechanismRequest> mechanism;   // --mechanism
  std::optional<std::string> summary_file;  // JSON lines, one per process
  std::optional<std::string> install_links;  // DIR, "" for our own folder
  std::optional<BufferSize> rcvbuf;
  std::optional<BufferSize> sndbuf;
  std::optional<std::string> write_lib;
  // --include/--exclude LIST, each repeatable; every LIST is checked here,
  // their number of entries with the environment's by core/launch/plan.
  RuleOption include;
  RuleOption exclude;
  std::vector<std::string> command;  // PROGRAM and its arguments
};

// `args` excludes argv[0]. A missing PROGRAM is not an error here when -h,
// -v, --write-lib or --install-links make one unnecessary; the lists of
// --include and --exclude are checked only for a PROGRAM, which they are
// for.
Result<Options> parse_options(std::span<const std::string> args);

// The -h text; testdata/help.txt and core/launch/smc_run.8 follow it.
const std::string& usage();

}  // namespace smc
