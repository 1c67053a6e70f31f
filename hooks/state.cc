#include "hooks/state.h"

#include <atomic>

#include "hooks/connections.h"
#include "hooks/log.h"
#include "hooks/own_library.h"

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

// Runs when the dynamic loader maps the library, before the program's main.
__attribute__((constructor)) void on_load() {
  State scratch;
  const Settings& settings = current_state(scratch).settings;
  if (settings.debug || settings.summary) open_diagnostics();
  remember_own_library(find_env(environ, "LD_PRELOAD"));
}

}  // namespace

const State& current_state(State& scratch) {
  if (const State* state = published_state()) return *state;
  scratch = State{read_settings(environ), resolve_real_calls()};
  if (!g_claimed.exchange(true, std::memory_order_acq_rel)) {
    g_state = scratch;
    g_published.store(true, std::memory_order_release);
    g_quiet.store(!wants_verdicts(scratch.settings), std::memory_order_release);
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
}

}  // namespace smc
