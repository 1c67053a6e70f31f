#include "core/launcher/plan.h"

#include <fmt/format.h>

#include "core/quote/quote.h"
#include "hooks/settings.h"

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
  }
  plan.debug = options.debug || env.debug;
  if (options.debug) plan.env.push_back({"SMC_DEBUG", "1", "-d"});
  if (options.strict) plan.env.push_back({"SMC_STRICT", "1", "--strict"});
  if (options.no_inherit) {
    plan.env.push_back({"SMC_INHERIT", "0", "--no-inherit"});
  }
  return plan;
}

}  // namespace smc
