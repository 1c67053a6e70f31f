// smc_scope's command line:
//   smc_scope [-j | --prometheus] list
//   smc_scope [--hold] add|del tree PID | cgroup PATH | netns PATH|PID
//   smc_scope prune | clear
//   smc_scope [--unit-dir=DIR] enable|disable UNIT
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/common/result.h"

namespace smc {

enum class ScopeVerb { kList, kAdd, kDel, kPrune, kClear, kEnable, kDisable };
enum class ScopeOutput { kText, kJson, kPrometheus };

struct ScopeCommand {
  ScopeVerb verb = ScopeVerb::kList;
  std::uint32_t kind = 0;  // add, del: enum smc_scope_kind (core/bpf/scope_maps.h)
  std::string value;       // add, del: PID or PATH; enable, disable: UNIT
  std::string unit_dir;    // enable, disable: --unit-dir, else the default
  bool hold = false;       // add --hold: keep the scope until SIGTERM/SIGINT
  ScopeOutput output = ScopeOutput::kText;
  bool help = false;
  bool version = false;
};

// `args` excludes argv[0]. Usage errors name the bad word.
Result<ScopeCommand> parse_smc_scope_command(std::span<const std::string> args);

// The smc_scope -h text; core/toolbox/smc_scope/smc_scope.8 follows it.
const std::string& smc_scope_usage();

}  // namespace smc
