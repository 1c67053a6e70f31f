// The one executable plays several roles, chosen by the name it is run
// under (argv[0]), like busybox: a link named smcss runs the smcss role.
// Unknown names, e.g. a renamed copy, get the smc_run role. "--role NAME"
// as the first argument picks a role without a link; a bare "smc_run
// smcss" still runs a program named smcss, as smc-tools' smc_run would.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/settings.h"
#include "core/common/result.h"

namespace smc {

enum class Role {
  kSmcRun,
  kSmcss,
  kSmcd,
  kSmcr,
  kSmcChk,
  kSmcScope,
};

struct RoleName {
  std::string_view name;  // what argv[0] or --role says
  Role role;
  bool errors_on_stdout;  // smc-tools' smc_run does; its other tools don't
};

// Every role, smc_run first: the one list that --role, --install-links
// and the usage texts name.
std::span<const RoleName> roles();

// The roles a link to this file can play: all but smc_run, in order.
std::vector<std::string_view> linkable_roles();

struct Invocation {
  Role role;
  std::string name;  // for messages: "smc_run", "smcss"...
  std::vector<std::string> args;  // without argv[0] and --role NAME
  bool errors_on_stdout;  // smc-tools' smc_run does; its other tools don't
};

// The last component of argv[0]: "/usr/local/bin/smc_run" -> "smc_run".
std::string_view program_name(std::string_view argv0);

// `argv` is the whole command line, argv[0] included.
Result<Invocation> resolve_invocation(std::span<const std::string> argv);

// No role runs in secure-execution mode (`secure`: secure_execution(),
// base/settings.h; a setuid, setgid or file-capability copy of this file):
// its less privileged caller would choose what smc_run runs and writes,
// or what smcd changes in the kernel, with those privileges. One rule for
// every role, before any of them reads its arguments.
Result<Ok> refuse_secure_execution(const Invocation& invocation, bool secure);

}  // namespace smc
