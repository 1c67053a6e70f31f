#include "base/summary.h"

#include "base/decline.h"

namespace smc {
namespace {

long outcome(const SummaryCounts& c, Outcome o) {
  return c.outcomes[static_cast<int>(o)];
}

// A decline code by its name, or its number for one this build does not
// know.
void reason(TextWriter& out, std::uint32_t code) {
  const char* name = decline_name(code);
  if (name != nullptr) {
    out.str(name);
  } else {
    out.num(static_cast<long>(code));
  }
}

// Everything after the program's name, from its closing quote on.
void json_counts(const SummaryCounts& c, TextWriter& out) {
  out.str("\",\"sockets\":").num(c.sockets);
  out.str(",\"converted\":{\"IPPROTO_SMC\":").num(c.converted_inet);
  out.str(",\"AF_SMC\":").num(c.converted_smc).str("}");
  out.str(",\"connections\":").num(connections(c));
  out.str(",\"smcd\":").num(outcome(c, Outcome::kSmcD));
  out.str(",\"smcr\":").num(outcome(c, Outcome::kSmcR));
  out.str(",\"tcp\":").num(outcome(c, Outcome::kTcp));
  out.str(",\"unknown\":").num(outcome(c, Outcome::kUnknown));
  out.str(",\"fallback\":{");
  bool first = true;
  for (const SummaryCounts::Reason& r : c.reasons) {
    if (r.count == 0) continue;
    out.str(first ? "\"" : ",\"");
    reason(out, r.code);
    out.str("\":").num(r.count);
    first = false;
  }
  if (c.other_reasons > 0) {
    out.str(first ? "\"other\":" : ",\"other\":").num(c.other_reasons);
  }
  out.str("}}\n");
}

}  // namespace

long connections(const SummaryCounts& c) {
  long total = 0;
  for (const long n : c.outcomes) total += n;
  return total;
}

std::size_t summary_json(const SummaryCounts& c, long pid, const char* program,
                         char (&out)[kSummaryJsonMax]) {
  // The counts first, so that the name gets only the room they leave.
  char counts_buffer[kSummaryJsonMax / 2];
  TextWriter counts(counts_buffer, sizeof counts_buffer);
  json_counts(c, counts);
  TextWriter line(out, sizeof out);
  line.str("{\"pid\":").num(pid).str(",\"program\":\"");
  if (counts.size() < line.room()) {
    char name_buffer[kSummaryJsonMax];
    TextWriter name(name_buffer, line.room() - counts.size() + 1);
    name.json(program != nullptr ? program : "");
    line.str(name.data(), name.size());
  }
  line.str(counts.data(), counts.size());
  return line.size();
}

void summary_text(const SummaryCounts& c, TextWriter& out) {
  out.str("sockets ").num(c.sockets);
  out.str(", converted ").num(c.converted_inet + c.converted_smc);
  out.str(" (IPPROTO_SMC ").num(c.converted_inet).str(", AF_SMC ").num(c.converted_smc);
  out.str("); connections ").num(connections(c));
  out.str(": SMC-D ").num(outcome(c, Outcome::kSmcD));
  out.str(", SMC-R ").num(outcome(c, Outcome::kSmcR));
  out.str(", TCP fallback ").num(outcome(c, Outcome::kFallback));
  bool first = true;
  for (const SummaryCounts::Reason& r : c.reasons) {
    if (r.count == 0) continue;
    out.str(first ? " (" : ", ");
    reason(out, r.code);
    out.str(" ").num(r.count);
    first = false;
  }
  if (c.other_reasons > 0) {
    out.str(first ? " (" : ", ").str("other ").num(c.other_reasons);
    first = false;
  }
  if (!first) out.str(")");
  out.str(", TCP ").num(outcome(c, Outcome::kTcp));
  if (outcome(c, Outcome::kUnknown) > 0) {
    out.str(", unknown ").num(outcome(c, Outcome::kUnknown));
  }
}

}  // namespace smc
