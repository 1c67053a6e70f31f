// smc_run's command line, a superset of smc-tools' smc_run:
//   smc_run [-dhnv] [-f FAMILY] [-r SIZE] [-t SIZE] [--strict]
//           [--mechanism MECHANISM] [--no-inherit] [--include LIST]
//           [--exclude LIST] [--summary]
//           [--summary-file FILE] [--write-lib PATH] [--install-links [DIR]]
//           [--] PROGRAM [ARGS...]
// Parsing stops at the first non-option, like getopt with a leading '+', so
// PROGRAM's own options pass through untouched.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace smc {

struct BufferSize {
  int bytes;
  std::string text;  // as the user wrote it, for messages
};

struct Options {
  bool debug = false;
  bool help = false;
  bool version = false;
  bool strict = false;
  bool no_inherit = false;
  bool dry_run = false;  // -n
  bool summary = false;
  std::optional<std::string> family;        // -f: "smc", "inet" or "auto"
  // --mechanism: "preload", "seccomp" or "auto"
  std::optional<std::string> mechanism;
  std::optional<std::string> summary_file;  // JSON lines, one per process
  std::optional<std::string> install_links;  // DIR, "" for our own folder
  std::optional<BufferSize> rcvbuf;
  std::optional<BufferSize> sndbuf;
  std::optional<std::string> write_lib;
  // --include/--exclude LIST, each repeatable, as given (core/launch/plan
  // checks them, as it checks SMC_INCLUDE/SMC_EXCLUDE).
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::vector<std::string> command;  // PROGRAM and its arguments
};

// `args` excludes argv[0]. A missing PROGRAM is not an error here when -h,
// -v, --write-lib or --install-links make one unnecessary.
Result<Options> parse_options(std::span<const std::string> args);

// The -h text; testdata/help.txt and core/launch/smc_run.8 follow it.
const std::string& usage();

}  // namespace smc
