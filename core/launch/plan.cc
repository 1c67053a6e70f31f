#include "core/launch/plan.h"

#include <string_view>

#include <fmt/format.h>

#include "base/settings.h"
#include "core/common/quote.h"
#include "core/launch/mechanism_request.h"

namespace smc {
namespace {

// One of -r/-t with its variable and sysctl.
struct Buffer {
  const std::optional<BufferSize>& option;
  const char* flag;
  const BufferSetting& from_env;
  const char* variable;
  const char* sysctl;
};

Result<Ok> plan_buffer(const Buffer& b, Plan& plan) {
  int bytes = 0;
  std::string why;
  if (b.option) {
    bytes = b.option->bytes;
    why = fmt::format("{} {}", b.flag, b.option->text);
  } else if (b.from_env.text != nullptr) {
    if (b.from_env.error != SizeError::kNone) {
      return usage_error(fmt::format("invalid {} {} in the environment: {}",
                                     b.variable, quote_value(b.from_env.text),
                                     describe(b.from_env.error)));
    }
    bytes = b.from_env.bytes;
    why = fmt::format("{}={} in the environment", b.variable, b.from_env.text);
  } else {
    return Ok{};
  }
  plan.env.push_back({b.variable, std::to_string(bytes), why});
  plan.sysctls.push_back({b.sysctl, bytes});
  return Ok{};
}

// One of --include/--exclude with its variable.
struct FilterList {
  const std::vector<std::string>& option;
  const char* flag;
  const RuleList& from_env;
  const char* variable;
};

std::string entry_text(const Entry& entry) {
  return std::string(entry.text, entry.length);
}

// The environment's list must be clean, as the library would silently
// skip its bad entries; the options' lists are added to it.
Result<Ok> plan_filter(const FilterList& p, Plan& plan) {
  const RuleList& env = p.from_env;
  if (env.first_error == RuleError::kTooMany) {
    return usage_error(fmt::format("invalid {} in the environment: {} entries, at most {}",
                                   p.variable, env.entries, kMaxRules));
  }
  if (env.first_error != RuleError::kNone) {
    return usage_error(fmt::format("invalid {} entry {} in the environment: {}", p.variable,
                                   quote_value(entry_text(env.first_bad)),
                                   describe(env.first_error)));
  }
  if (p.option.empty()) return Ok{};
  std::string merged = env.entries > 0 ? env.text : "";
  std::string given;
  RuleList list;
  for (const std::string& value : p.option) {
    parse_rule_list(value.c_str(), &list);
    if (list.entries == 0) {
      return usage_error(fmt::format("{} needs a non-empty LIST", p.flag));
    }
    if (list.first_error != RuleError::kNone && list.first_error != RuleError::kTooMany) {
      return usage_error(fmt::format("invalid {} entry {}: {}", p.flag,
                                     quote_value(entry_text(list.first_bad)),
                                     describe(list.first_error)));
    }
    merged += merged.empty() ? value : "," + value;
    given += fmt::format("{}{} {}", given.empty() ? "" : " ", p.flag, value);
  }
  parse_rule_list(merged.c_str(), &list);
  if (list.entries > kMaxRules) {
    return usage_error(fmt::format("{}{} give{} {} entries, at most {}", p.flag,
                                   env.entries > 0 ? fmt::format(" and {}", p.variable) : "",
                                   env.entries > 0 ? "" : "s", list.entries, kMaxRules));
  }
  if (env.entries > 0) given += fmt::format(", added to {} in the environment", p.variable);
  plan.env.push_back({p.variable, merged, given});
  return Ok{};
}

}  // namespace

Result<Plan> make_plan(const Options& options, const char* const* envp) {
  const Settings env = read_settings(envp);
  Plan plan;
  const Buffer buffers[] = {
      {options.rcvbuf, "-r", env.rcvbuf, "SMC_RCVBUF", "net.core.rmem_max"},
      {options.sndbuf, "-t", env.sndbuf, "SMC_SNDBUF", "net.core.wmem_max"},
  };
  for (const Buffer& b : buffers) {
    const Result<Ok> r = plan_buffer(b, plan);
    if (!r) return r.error();
  }
  if (options.family) {
    plan.env.push_back({"SMC_SOCK_FAMILY", *options.family,
                        fmt::format("-f {}", *options.family)});
  } else if (env.family.text != nullptr) {
    return usage_error(fmt::format(
        "invalid SMC_SOCK_FAMILY {} in the environment (use smc, inet or "
        "auto)",
        quote_value(env.family.text)));
  }
  if (options.summary) plan.env.push_back({"SMC_SUMMARY", "1", "--summary"});
  if (options.summary_file) {
    plan.env.push_back({"SMC_SUMMARY_FILE", *options.summary_file,
                        "--summary-file"});
  } else if (env.summary_file != nullptr) {
    // Checked and made absolute like --summary-file's FILE, or the library
    // would write where the program happens to be at exit.
    plan.env.push_back({"SMC_SUMMARY_FILE", env.summary_file, kSummaryFileFromEnv});
  }
  const FilterList lists[] = {
      {options.include, "--include", env.include, "SMC_INCLUDE"},
      {options.exclude, "--exclude", env.exclude, "SMC_EXCLUDE"},
  };
  for (const FilterList& list : lists) {
    const Result<Ok> r = plan_filter(list, plan);
    if (!r) return r.error();
  }
  if (options.mechanism) {
    plan.mechanism = *options.mechanism;
  } else if (const char* m = find_env(envp, "SMC_MECHANISM")) {
    const std::string text = m;
    if (!parse_mechanism(text)) {
      return usage_error(fmt::format(
          "invalid SMC_MECHANISM {} in the environment (use preload, seccomp or "
          "auto)",
          quote_value(text)));
    }
    plan.mechanism = text;
  }
  for (const EnvVar& var : plan.env) {
    if (var.name == "SMC_INCLUDE" || var.name == "SMC_EXCLUDE") plan.filter_active = true;
  }
  plan.filter_active = plan.filter_active || env.filter_active;
  plan.strict = options.strict || env.strict;
  plan.debug = options.debug || env.debug;
  if (options.debug) plan.env.push_back({"SMC_DEBUG", "1", "-d"});
  if (options.strict) plan.env.push_back({"SMC_STRICT", "1", "--strict"});
  if (options.no_inherit) {
    plan.env.push_back({"SMC_INHERIT", "0", "--no-inherit"});
  }
  return plan;
}

namespace {

bool same_text(const char* a, const char* b) {
  return (a == nullptr || b == nullptr) ? a == b : std::string_view(a) == b;
}

// Whether `name`'s setting is the same in `a` and `b`.
bool same_setting(const std::string& name, const Settings& a, const Settings& b) {
  if (name == "SMC_SNDBUF") return a.sndbuf.bytes == b.sndbuf.bytes;
  if (name == "SMC_RCVBUF") return a.rcvbuf.bytes == b.rcvbuf.bytes;
  if (name == "SMC_DEBUG") return a.debug == b.debug;
  if (name == "SMC_STRICT") return a.strict == b.strict;
  if (name == "SMC_SOCK_FAMILY") return a.family.family == b.family.family;
  if (name == "SMC_SUMMARY") return a.summary == b.summary;
  if (name == "SMC_SUMMARY_FILE") return same_text(a.summary_file, b.summary_file);
  if (name == "SMC_INCLUDE") return same_text(a.include.text, b.include.text);
  if (name == "SMC_EXCLUDE") return same_text(a.exclude.text, b.exclude.text);
  return true;
}

}  // namespace

std::vector<std::string> changed_settings(const Plan& plan, const char* const* envp) {
  std::vector<std::string> entries;  // envp with the plan's variables over it
  for (const EnvVar& var : plan.env) entries.push_back(var.name + "=" + var.value);
  std::vector<const char*> planned;
  for (const std::string& e : entries) planned.push_back(e.c_str());
  for (const char* const* e = envp; *e != nullptr; ++e) planned.push_back(*e);
  planned.push_back(nullptr);
  // find_env() takes the first entry of a name: the plan's.
  const Settings before = read_settings(envp);
  const Settings after = read_settings(planned.data());
  std::vector<std::string> changed;
  for (const EnvVar& var : plan.env) {
    if (!same_setting(var.name, before, after)) changed.push_back(var.why);
  }
  return changed;
}

}  // namespace smc
