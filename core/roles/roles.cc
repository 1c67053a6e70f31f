#include "core/roles/roles.h"

namespace smc {
namespace {

struct Entry {
  std::string_view name;
  Role role;
};

// Later roles (smcss, smc_chk) are added here.
constexpr Entry kRoles[] = {
    {"smc_run", Role::kSmcRun},
};

}  // namespace

std::string_view program_name(std::string_view argv0) {
  const std::size_t slash = argv0.rfind('/');
  return slash == std::string_view::npos ? argv0 : argv0.substr(slash + 1);
}

Role role_for(std::string_view argv0) {
  const std::string_view name = program_name(argv0);
  for (const Entry& entry : kRoles) {
    if (entry.name == name) return entry.role;
  }
  return Role::kSmcRun;
}

}  // namespace smc
