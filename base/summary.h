// A process's exit summary (SMC_SUMMARY, SMC_SUMMARY_FILE): what it counted
// and the two forms it is written in, a line for people and a JSON object
// per line for fleet tooling. Formatting only, into fixed buffers; the
// library keeps the counts (hooks/summary.cc).
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/connection_outcome.h"
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

}  // namespace smc
