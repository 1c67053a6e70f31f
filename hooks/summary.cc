#include "hooks/summary.h"

#include <unistd.h>

#include <atomic>
#include <cstdint>

#include "base/summary.h"
#include "hooks/state.h"

extern "C" char* program_invocation_short_name;

namespace smc {
namespace {

// The counts, per process: g_counts_pid says whose they are, so a forked
// child starts from zero rather than with its parent's. (Not
// pthread_atfork(): glibc links it as __register_atfork, which musl's
// loader cannot resolve.) Plain atomics: a program may count from many
// threads and signal handlers.
std::atomic<int> g_counts_pid{0};
std::atomic<long> g_sockets{0};
std::atomic<long> g_converted[2];  // by SmcSocketKind
std::atomic<long> g_outcomes[kOutcomes];
// Fallbacks by reason; a reason takes the first free slot, the rest count
// as "other".
std::atomic<std::uint32_t> g_reason_code[kSummaryReasons];
std::atomic<long> g_reason_count[kSummaryReasons];
std::atomic<long> g_other_reasons{0};

void reset_counts() {
  g_sockets.store(0);
  for (auto& c : g_converted) c.store(0);
  for (auto& c : g_outcomes) c.store(0);
  for (int i = 0; i < kSummaryReasons; ++i) {
    g_reason_code[i].store(0);
    g_reason_count[i].store(0);
  }
  g_other_reasons.store(0);
}

// Makes the counts this process's own; called before each count.
void own_counts() {
  const int pid = getpid();
  if (g_counts_pid.load(std::memory_order_relaxed) == pid) return;
  reset_counts();
  g_counts_pid.store(pid, std::memory_order_relaxed);
}

void count_reason(std::uint32_t code) {
  for (int i = 0; i < kSummaryReasons; ++i) {
    std::uint32_t seen = g_reason_code[i].load();
    if (seen == 0 && g_reason_code[i].compare_exchange_strong(seen, code)) {
      seen = code;
    }
    if (seen == code) {
      g_reason_count[i].fetch_add(1);
      return;
    }
  }
  g_other_reasons.fetch_add(1);
}

SummaryCounts snapshot() {
  SummaryCounts c;
  c.sockets = g_sockets.load();
  c.converted_inet = g_converted[static_cast<int>(SmcSocketKind::kInet)].load();
  c.converted_smc = g_converted[static_cast<int>(SmcSocketKind::kSmc)].load();
  for (int i = 0; i < kOutcomes; ++i) c.outcomes[i] = g_outcomes[i].load();
  for (int i = 0; i < kSummaryReasons; ++i) {
    c.reasons[i] = {g_reason_code[i].load(), g_reason_count[i].load()};
  }
  c.other_reasons = g_other_reasons.load();
  return c;
}

// SMC_SUMMARY_FILE made absolute at load; empty: as given.
char g_summary_path[4096 + 256];

// At exit (exit() or a return from main; not _exit() or a fatal signal).
__attribute__((destructor)) void print_summary() {
  const State* state = published_state();
  if (state == nullptr) return;
  const Settings& settings = state->settings;
  if (!settings.summary && settings.summary_file == nullptr) return;
  if (g_counts_pid.load() != getpid()) return;  // nothing counted here
  const SummaryCounts counts = snapshot();
  if (counts.sockets == 0 && connections(counts) == 0) return;  // nothing to say
  Settings written = settings;
  if (written.summary_file != nullptr && g_summary_path[0] != '\0') {
    written.summary_file = g_summary_path;
  }
  write_summary(counts, written, program_invocation_short_name, getpid());
}

}  // namespace

void remember_summary_file(const char* path) {
  if (path == nullptr || path[0] == '/') return;
  if (getcwd(g_summary_path, sizeof g_summary_path) == nullptr) {
    g_summary_path[0] = '\0';
    return;
  }
  std::size_t used = 0;
  while (g_summary_path[used] != '\0') ++used;
  TextWriter rest(g_summary_path + used, sizeof g_summary_path - used);
  rest.str("/").str(path);
  if (rest.cut()) g_summary_path[0] = '\0';  // too long: as given
}

void count_socket(bool converted, SmcSocketKind kind) {
  own_counts();
  g_sockets.fetch_add(1, std::memory_order_relaxed);
  if (converted) {
    g_converted[static_cast<int>(kind)].fetch_add(1, std::memory_order_relaxed);
  }
}

void count_outcome(const ConnectionOutcome& outcome) {
  own_counts();
  g_outcomes[static_cast<int>(outcome.outcome)].fetch_add(1);
  if (outcome.outcome == Outcome::kFallback) count_reason(outcome.reason);
}

}  // namespace smc
