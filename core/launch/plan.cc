#include "core/launch/plan.h"

#include <string_view>

#include <fmt/format.h>

#include "core/common/quote.h"

namespace smc {
namespace {

std::string& why(Plan& plan, SettingsVariable variable) {
  return plan.why[static_cast<int>(variable)];
}

// A text of the options' that `plan.settings` is to point into.
const char* keep(Plan& plan, const std::string& text) {
  plan.texts.push_back(std::make_shared<const std::string>(text));
  return plan.texts.back()->c_str();
}

// One of -r/-t with its setting and sysctl.
struct Buffer {
  const std::optional<BufferSize>& option;
  const char* flag;
  SettingsVariable variable;
  BufferSetting Settings::*setting;
  const char* sysctl;
};

Result<Ok> plan_buffer(const Buffer& b, Plan& plan) {
  BufferSetting& setting = plan.settings.*b.setting;
  const char* variable = variable_name(b.variable);
  if (b.option) {
    setting = {b.option->bytes, keep(plan, b.option->text), SizeError::kNone};
    why(plan, b.variable) = fmt::format("{} {}", b.flag, b.option->text);
  } else if (setting.text != nullptr) {
    if (setting.error != SizeError::kNone) {
      return usage_error(fmt::format("invalid {} {} in the environment: {}", variable,
                                     quote_value(setting.text), describe(setting.error)));
    }
    why(plan, b.variable) = fmt::format("{}={} in the environment", variable, setting.text);
  } else {
    return Ok{};
  }
  plan.sysctls.push_back({b.sysctl, setting.bytes});
  return Ok{};
}

// One of --include/--exclude with its setting.
struct FilterList {
  const RuleOption& option;
  const char* flag;
  SettingsVariable variable;
  RuleList Settings::*list;
};

std::string entry_text(const Entry& entry) {
  return std::string(entry.text, entry.length);
}

// The environment's list must be clean, as the library would silently
// skip its bad entries; the options' rules are added to it.
Result<Ok> plan_filter(const FilterList& p, Plan& plan) {
  RuleList& list = plan.settings.*p.list;
  const char* variable = variable_name(p.variable);
  if (list.first_error == RuleError::kTooMany) {
    return usage_error(fmt::format("invalid {} in the environment: {} entries, at most {}",
                                   variable, list.entries, kMaxRules));
  }
  if (list.first_error != RuleError::kNone) {
    return usage_error(fmt::format("invalid {} entry {} in the environment: {}", variable,
                                   quote_value(entry_text(list.first_bad)),
                                   describe(list.first_error)));
  }
  if (p.option.lists.empty()) return Ok{};
  const bool from_env = list.entries > 0;
  const int entries = list.entries + p.option.rules.entries;
  if (entries > kMaxRules) {
    return usage_error(fmt::format("{}{} give{} {} entries, at most {}", p.flag,
                                   from_env ? fmt::format(" and {}", variable) : "",
                                   from_env ? "" : "s", entries, kMaxRules));
  }
  std::string given;
  for (const std::shared_ptr<const std::string>& text : p.option.lists) {
    given += fmt::format("{}{} {}", given.empty() ? "" : " ", p.flag, *text);
    plan.texts.push_back(text);
  }
  if (from_env) given += fmt::format(", added to {} in the environment", variable);
  append_rule_list(p.option.rules, &list);
  why(plan, p.variable) = given;
  return Ok{};
}

// --mechanism, else SMC_MECHANISM, which is the launcher's alone.
Result<MechanismRequest> plan_mechanism(const Options& options, const char* const* envp) {
  if (options.mechanism) return *options.mechanism;
  const char* text = find_env(envp, "SMC_MECHANISM");
  if (text == nullptr) return MechanismRequest::kAuto;
  const std::optional<MechanismRequest> mechanism = parse_mechanism(text);
  if (!mechanism) {
    return usage_error(fmt::format(
        "invalid SMC_MECHANISM {} in the environment (use preload, seccomp or auto)",
        quote_value(text)));
  }
  return *mechanism;
}

}  // namespace

Result<Plan> make_plan(const Options& options, const char* const* envp) {
  using V = SettingsVariable;
  Plan plan;
  plan.environment = read_settings(envp);
  plan.settings = plan.environment;
  Settings& s = plan.settings;
  const Buffer buffers[] = {
      {options.rcvbuf, "-r", V::kRcvbuf, &Settings::rcvbuf, "net.core.rmem_max"},
      {options.sndbuf, "-t", V::kSndbuf, &Settings::sndbuf, "net.core.wmem_max"},
  };
  for (const Buffer& b : buffers) {
    const Result<Ok> r = plan_buffer(b, plan);
    if (!r) return r.error();
  }
  if (options.family) {
    s.family = {*options.family, nullptr};
    why(plan, V::kFamily) = fmt::format("-f {}", family_name(*options.family));
  } else if (s.family.text != nullptr) {
    return usage_error(fmt::format(
        "invalid SMC_SOCK_FAMILY {} in the environment (use smc, inet or auto)",
        quote_value(s.family.text)));
  }
  if (options.summary) {
    s.summary = true;
    why(plan, V::kSummary) = "--summary";
  }
  if (options.summary_file) {
    s.summary_file = keep(plan, *options.summary_file);
    why(plan, V::kSummaryFile) = "--summary-file";
  } else if (s.summary_file != nullptr) {
    // Checked and made absolute like --summary-file's FILE, or the library
    // would write where the program happens to be at exit.
    why(plan, V::kSummaryFile) = kSummaryFileFromEnv;
  }
  const FilterList lists[] = {
      {options.include, "--include", V::kInclude, &Settings::include},
      {options.exclude, "--exclude", V::kExclude, &Settings::exclude},
  };
  for (const FilterList& list : lists) {
    const Result<Ok> r = plan_filter(list, plan);
    if (!r) return r.error();
  }
  s.filter_active = filter_active(s.include, s.exclude);
  const Result<MechanismRequest> mechanism = plan_mechanism(options, envp);
  if (!mechanism) return mechanism.error();
  plan.mechanism = *mechanism;
  if (options.debug) {
    s.debug = true;
    why(plan, V::kDebug) = "-d";
  }
  if (options.strict) {
    s.strict = true;
    why(plan, V::kStrict) = "--strict";
  }
  if (options.no_inherit) {
    s.inherit = false;
    why(plan, V::kInherit) = "--no-inherit";
  }
  return plan;
}

void set_summary_file(Plan& plan, std::string path) {
  plan.texts.push_back(std::make_shared<const std::string>(std::move(path)));
  plan.settings.summary_file = plan.texts.back()->c_str();
}

Result<std::vector<EnvVar>> program_variables(const Plan& plan) {
  VariableSet which = kNoVariable;
  for (int k = 0; k < kSettingsVariables; ++k) {
    if (!plan.why[k].empty()) which = which.with(static_cast<SettingsVariable>(k));
  }
  SettingsEntries entries;
  WrittenSettings written = write_settings(plan.settings, which, nullptr, 0, &entries);
  std::string text(written.needed, '\0');
  if (written.error == WriteError::kNoRoom) {
    written = write_settings(plan.settings, which, text.data(), text.size(), &entries);
  }
  if (written.error != WriteError::kNone) {
    return system_error(fmt::format("cannot write {}: its value is not one it can hold",
                                    variable_name(written.invalid)));
  }
  std::vector<EnvVar> variables;
  for (const char* const* e = entries.entry; *e != nullptr; ++e) {
    const std::string_view entry = *e;
    const std::size_t equals = entry.find('=');
    EnvVar var{std::string(entry.substr(0, equals)), std::string(entry.substr(equals + 1)), ""};
    for (int k = 0; k < kSettingsVariables; ++k) {
      if (var.name == variable_name(static_cast<SettingsVariable>(k))) var.why = plan.why[k];
    }
    variables.push_back(std::move(var));
  }
  return variables;
}

std::vector<std::string> changed_settings(const Plan& plan) {
  std::vector<std::string> changed;
  for (int k = 0; k < kSettingsVariables; ++k) {
    const auto variable = static_cast<SettingsVariable>(k);
    if (plan.why[k].empty() || variable == SettingsVariable::kInherit) continue;
    if (!same_setting(variable, plan.environment, plan.settings)) changed.push_back(plan.why[k]);
  }
  return changed;
}

}  // namespace smc
