// What smc_run sets up before it execs PROGRAM, decided from the options
// and the environment without touching the system.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/launch/command_line.h"

namespace smc {

struct EnvVar {
  std::string name;
  std::string value;
  std::string why;  // for -d: "-r 256k", "--strict"...
};

inline constexpr char kSummaryFileFromEnv[] = "SMC_SUMMARY_FILE in the environment";

struct SysctlWish {
  std::string name;  // "net.core.rmem_max"
  long at_least;
};

struct Plan {
  bool debug = false;
  bool strict = false;
  bool filter_active = false;  // a connection filter is set (--include...)
  // "auto", "preload" or "seccomp": --mechanism, else SMC_MECHANISM.
  std::string mechanism = "auto";
  std::vector<EnvVar> env;  // exported to PROGRAM
  std::vector<SysctlWish> sysctls;
};

// The buffer sizes come from -r/-t, else from SMC_RCVBUF/SMC_SNDBUF in
// `envp` (validated here: the library alone would silently ignore a bad
// one). They are exported in bytes. SMC_DEBUG/SMC_STRICT in `envp` act as
// -d/--strict, with the library's own reading of them. A bad
// SMC_SOCK_FAMILY in `envp` is refused, as a bad -f is. The summary file,
// --summary-file's FILE or else SMC_SUMMARY_FILE from `envp` (its `why`
// then kSummaryFileFromEnv), is passed as given: the launcher makes it
// absolute and checks it.
// SMC_INCLUDE and SMC_EXCLUDE in `envp` are refused if any entry is
// malformed (the library alone would skip it); --include/--exclude add
// their lists to them. A bad SMC_MECHANISM is refused, as a bad
// --mechanism is; it is the launcher's alone, so it is not exported.
Result<Plan> make_plan(const Options& options, const char* const* envp);

// The reasons ("-t 1m", "-d"...) of the plan's variables that change what
// a program reading `envp` would do: a size, flag, family, summary or
// filter list that differs once parsed, not merely in spelling (64k is
// 65536). SMC_INHERIT, the library's alone, is left out.
std::vector<std::string> changed_settings(const Plan& plan, const char* const* envp);

}  // namespace smc
