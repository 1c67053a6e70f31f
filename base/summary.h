// A process's exit summary (SMC_SUMMARY, SMC_SUMMARY_FILE): what it counted
// and the two forms it is written in, a line for people and a JSON object
// per line for fleet tooling, into fixed buffers, and writing them. The
// library keeps its own counts (hooks/summary.cc); the seccomp supervisor
// keeps one SummaryCounts per process it serves (core/supervisor).
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/connection_outcome.h"
#include "base/settings.h"
#include "base/text_writer.h"

namespace smc {

// Fallback reasons counted one by one; further ones count as "other".
inline constexpr int kSummaryReasons = 16;

struct SummaryCounts {
  long sockets = 0;               // socket() calls that make TCP sockets
  long converted_inet = 0;        // ... made SMC with IPPROTO_SMC
  long converted_smc = 0;         // ... made SMC with AF_SMC
  long outcomes[kOutcomes] = {};  // connections, by Outcome
  struct Reason {
    std::uint32_t code;  // SMC_CLC_DECL_*
    long count;          // 0: a slot not used
  } reasons[kSummaryReasons] = {};
  long other_reasons = 0;
};

long connections(const SummaryCounts& counts);

// Counts a connection's outcome, its fallback reason in the first free
// slot (or as "other"). For one thread; the library counts with atomics.
void add_outcome(SummaryCounts& counts, const ConnectionOutcome& outcome);

// The room summary_json needs, its newline included.
inline constexpr std::size_t kSummaryJsonMax = 2048;

// One JSON object and a newline:
//   {"pid":1,"program":"curl","sockets":1,"converted":{"IPPROTO_SMC":1,
//   "AF_SMC":0},"connections":1,"smcd":1,"smcr":0,"tcp":0,"unknown":0,
//   "fallback":{"PEERNOSMC":1}}
// Always whole and valid JSON, whatever bytes `program` holds: they are
// escaped (base/json_escape.h), and a name too long for the line is cut.
// Returns the length written to out[0..kSummaryJsonMax).
std::size_t summary_json(const SummaryCounts& counts, long pid, const char* program,
                         char (&out)[kSummaryJsonMax]);

// "sockets 2, converted 1 (IPPROTO_SMC 1, AF_SMC 0); connections 1: SMC-D
// 0, SMC-R 0, TCP fallback 1 (PEERNOSMC 1), TCP 0", and ", unknown N" when
// there are such.
void summary_text(const SummaryCounts& counts, TextWriter& out);

// Writes what `settings` ask for of process `pid` named `program`: the
// JSON form appended to SMC_SUMMARY_FILE in one write (O_APPEND: the lines
// of concurrent processes do not mix), and under SMC_SUMMARY the line
// "<program>[<pid>]: smc: summary: ..." on stderr (base/log_line.h). Under
// SMC_DEBUG, one line when the file cannot be written. Keeps errno.
void write_summary(const SummaryCounts& counts, const Settings& settings, const char* program,
                   long pid);

// The processes whose summaries are missing because they could not be
// kept track of (the seccomp supervisor ran out of descriptors for their
// pidfds), said once by `program` `pid` when the last one has ended: in
// SMC_SUMMARY_FILE as {"pid":P,"program":"smc_run-seccomp","untracked":N}
// (`program` must need no JSON escaping), and under SMC_SUMMARY or
// SMC_DEBUG as one stderr line. Nothing when `untracked` is 0. Keeps errno.
void write_untracked(long untracked, const Settings& settings, const char* program, long pid);

}  // namespace smc
