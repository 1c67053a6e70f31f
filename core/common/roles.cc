#include "core/common/roles.h"

#include <fmt/format.h>

#include "core/common/quote.h"

namespace smc {
namespace {

constexpr RoleName kRoles[] = {
    {"smc_run", Role::kSmcRun, true},
    {"smcss", Role::kSmcss, false},
    {"smcd", Role::kSmcd, false},
    {"smcr", Role::kSmcr, false},
    {"smc_chk", Role::kSmcChk, false},
    {"smc_scope", Role::kSmcScope, false},
};

const RoleName* find(std::string_view name) {
  for (const RoleName& entry : kRoles) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

std::string all_names() {
  std::string names;
  for (const RoleName& entry : kRoles) {
    names += names.empty() ? "" : ", ";
    names += entry.name;
  }
  return names;
}

}  // namespace

std::span<const RoleName> roles() { return kRoles; }

std::vector<std::string_view> linkable_roles() {
  std::vector<std::string_view> names;
  for (const RoleName& entry : kRoles) {
    if (entry.role != Role::kSmcRun) names.push_back(entry.name);
  }
  return names;
}

std::string_view program_name(std::string_view argv0) {
  const std::size_t slash = argv0.rfind('/');
  return slash == std::string_view::npos ? argv0 : argv0.substr(slash + 1);
}

Result<Invocation> resolve_invocation(std::span<const std::string> argv) {
  // Both arms as string_view: with "" against a std::string the result
  // would be a temporary string, gone before argv0 is used.
  const std::string_view argv0 =
      argv.empty() ? std::string_view() : std::string_view(argv[0]);
  std::span<const std::string> args =
      argv.empty() ? argv : argv.subspan(1);
  const RoleName* entry = find(program_name(argv0));
  if (entry == nullptr) entry = &kRoles[0];

  if (!args.empty() &&
      (args[0] == "--role" || args[0].starts_with("--role="))) {
    std::string name;
    if (args[0] == "--role") {
      if (args.size() < 2) {
        return usage_error(fmt::format("--role needs a NAME ({})", all_names()));
      }
      name = args[1];
      args = args.subspan(2);
    } else {
      name = args[0].substr(7);
      args = args.subspan(1);
    }
    entry = find(name);
    if (entry == nullptr) {
      return usage_error(
          fmt::format("unknown role {} (roles: {})", quote_value(name), all_names()));
    }
  }
  return Invocation{entry->role, std::string(entry->name),
                    std::vector<std::string>(args.begin(), args.end()),
                    entry->errors_on_stdout};
}

Result<Ok> refuse_secure_execution(const Invocation& invocation, bool secure) {
  if (!secure) return Ok{};
  return system_error(fmt::format(
      "{} is running set-user-ID, set-group-ID or with file capabilities "
      "(secure-execution mode): whoever calls it would choose what it runs, "
      "writes or changes with those privileges; install it without them",
      invocation.name));
}

}  // namespace smc
