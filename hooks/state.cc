#include "hooks/state.h"

#include <atomic>

#include "base/log_line.h"

extern "C" char** environ;

namespace smc {

State g_state;
std::atomic<bool> g_published{false};
std::atomic<bool> g_quiet{false};

namespace {

std::atomic<bool> g_claimed{false};
std::atomic<bool> g_settings_reported{false};

void report_ignored(const char* name, const BufferSetting& setting) {
  if (setting.error == SizeError::kNone) return;
  LogLine()
      .str("ignoring ")
      .str(name)
      .str("='")
      .str(setting.text)
      .str("': ")
      .str(describe(setting.error))
      .emit();
}

// Each malformed entry of a filter list, and the entries past the limit.
void report_ignored(const char* name, const RuleList& list) {
  const char* cursor = list.text;
  Entry entry;
  for (int n = 1; n <= kMaxRules && next_entry(&cursor, &entry); ++n) {
    Rule rule;
    const RuleError error = parse_rule(entry.text, entry.length, &rule);
    if (error == RuleError::kNone) continue;
    LogLine()
        .str("ignoring ")
        .str(name)
        .str(" entry '")
        .str(entry.text, entry.length)
        .str("': ")
        .str(describe(error))
        .emit();
  }
  if (list.entries > kMaxRules) {
    LogLine()
        .str("ignoring ")
        .str(name)
        .str(" entries past the first ")
        .num(kMaxRules)
        .str(" (")
        .num(list.entries)
        .str(" given)")
        .emit();
  }
}

void report_rules(LogLine& line, const char* name, const RuleList& list) {
  if (list.entries == 0) return;
  line.str(", ").str(name).str(" ").num(list.count).str(list.count == 1 ? " rule" : " rules");
}

}  // namespace

const State& current_state(State& scratch) {
  if (const State* state = published_state()) return *state;
  scratch = State{read_settings(environ, secure_execution()), resolve_real_calls()};
  if (!g_claimed.exchange(true, std::memory_order_acq_rel)) {
    g_state = scratch;
    g_published.store(true, std::memory_order_release);
    g_quiet.store(!wants_outcomes(scratch.settings), std::memory_order_release);
  }
  return scratch;
}

void report_settings_once(const Settings& s) {
  if (!s.debug || g_settings_reported.exchange(true)) return;
  LogLine line;
  line.str("libsmc-preload loaded");
  if (s.sndbuf.bytes != 0) line.str(", SMC_SNDBUF ").num(s.sndbuf.bytes);
  if (s.rcvbuf.bytes != 0) line.str(", SMC_RCVBUF ").num(s.rcvbuf.bytes);
  if (s.family.family == Family::kSmc) line.str(", SMC_SOCK_FAMILY smc");
  if (s.family.family == Family::kInet) line.str(", SMC_SOCK_FAMILY inet");
  if (s.strict) line.str(", strict (no TCP fallback)");
  report_rules(line, "SMC_INCLUDE", s.include);
  report_rules(line, "SMC_EXCLUDE", s.exclude);
  line.emit();
  report_ignored("SMC_SNDBUF", s.sndbuf);
  report_ignored("SMC_RCVBUF", s.rcvbuf);
  if (s.family.text != nullptr) {
    LogLine()
        .str("ignoring SMC_SOCK_FAMILY='")
        .str(s.family.text)
        .str("': not smc, inet or auto")
        .emit();
  }
  report_ignored("SMC_INCLUDE", s.include);
  report_ignored("SMC_EXCLUDE", s.exclude);
  if (s.include.entries > 0 && s.include.count == 0) {
    LogLine().str("SMC_INCLUDE has no valid entry: no connection uses SMC").emit();
  }
}

}  // namespace smc
