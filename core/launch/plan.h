// What smc_run sets up before it execs PROGRAM, decided from the options
// and the environment without touching the system: PROGRAM's settings,
// typed, and why smc_run sets each.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "base/settings.h"
#include "core/common/result.h"
#include "core/launch/command_line.h"
#include "core/launch/mechanism_request.h"

namespace smc {

// One variable of PROGRAM's environment, as -d and -n show it.
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
  // PROGRAM's settings: the environment's, with the options over them.
  // The supervisor is handed them as they are; the library reads them
  // from the variables smc_run writes (program_variables).
  Settings settings{};
  // Why smc_run writes each variable, by SettingsVariable ("-r 256k",
  // "--strict"); empty where PROGRAM keeps the environment's as it is.
  std::array<std::string, kSettingsVariables> why;
  // The environment's settings alone: those of an outer smc_run, whose
  // supervisor may be serving this one (changed_settings).
  Settings environment{};
  MechanismRequest mechanism = MechanismRequest::kAuto;
  std::vector<SysctlWish> sysctls;
  // What `settings` points into, besides the environment (which must
  // outlive the plan): the options' text, the summary file.
  std::vector<std::shared_ptr<const std::string>> texts;
};

// Why smc_run writes `variable`; empty when it does not.
inline const std::string& why(const Plan& plan, SettingsVariable variable) {
  return plan.why[static_cast<int>(variable)];
}

// The buffer sizes come from -r/-t, else from SMC_RCVBUF/SMC_SNDBUF in
// `envp` (validated here: the library alone would silently ignore a bad
// one). They are exported in bytes. SMC_DEBUG/SMC_STRICT in `envp` act as
// -d/--strict, with the library's own reading of them. A bad
// SMC_SOCK_FAMILY in `envp` is refused, as a bad -f is. The summary file,
// --summary-file's FILE or else SMC_SUMMARY_FILE from `envp` (its `why`
// then kSummaryFileFromEnv), is taken as given: the launcher makes it
// absolute and checks it (set_summary_file).
// SMC_INCLUDE and SMC_EXCLUDE in `envp` are refused if any entry is
// malformed (the library alone would skip it); --include/--exclude add
// their rules to them. A bad SMC_MECHANISM is refused, as a bad
// --mechanism is; it is the launcher's alone, so it is not exported.
Result<Plan> make_plan(const Options& options, const char* const* envp);

// The summary file PROGRAM's settings name, once the launcher has made it
// absolute and checked it.
void set_summary_file(Plan& plan, std::string path);

// The variables smc_run sets for PROGRAM, those with a `why`, in
// write_settings' order and written by it (sizes in bytes, lists as their
// rules).
Result<std::vector<EnvVar>> program_variables(const Plan& plan);

// The reasons ("-t 1m", "-d"...) of the plan's variables that change what
// a program reading the environment alone would do: a size, flag, family,
// summary or filter list that differs once parsed, not merely in spelling
// (64k is 65536). SMC_INHERIT, the library's alone, is left out.
std::vector<std::string> changed_settings(const Plan& plan);

}  // namespace smc
