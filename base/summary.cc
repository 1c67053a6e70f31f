#include "base/summary.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "base/decline.h"
#include "base/log_line.h"
#include "base/output_file.h"

namespace smc {
namespace {

long outcome(const SummaryCounts& c, Outcome o) {
  return c.outcomes[static_cast<int>(o)];
}

// How write_reasons() puts each "NAME COUNT": `opening` before the first,
// NAME between `quote` and `between`, `separator` between them.
struct ReasonStyle {
  const char* opening;
  const char* quote;
  const char* between;
  const char* separator;
};

// The fallbacks by reason, each by the kernel's name for it or, for a
// code this build does not know, its number; those past the counted ones
// as "other". False when there are none (and nothing was written).
bool write_reasons(const SummaryCounts& c, TextWriter& out, const ReasonStyle& style) {
  bool first = true;
  const auto one = [&](std::uint32_t code, const char* name, long count) {
    out.str(first ? style.opening : style.separator).str(style.quote);
    if (name != nullptr) {
      out.str(name);
    } else {
      out.num(static_cast<long>(code));
    }
    out.str(style.between).num(count);
    first = false;
  };
  for (const SummaryCounts::Reason& r : c.reasons) {
    if (r.count > 0) one(r.code, decline_name(r.code), r.count);
  }
  if (c.other_reasons > 0) one(0, "other", c.other_reasons);
  return !first;
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
  write_reasons(c, out, {"", "\"", "\":", ","});
  out.str("}}\n");
}

}  // namespace

long connections(const SummaryCounts& c) {
  long total = 0;
  for (const long n : c.outcomes) total += n;
  return total;
}

void add_outcome(SummaryCounts& c, const ConnectionOutcome& o) {
  c.outcomes[static_cast<int>(o.outcome)] += 1;
  if (o.outcome != Outcome::kFallback) return;
  for (SummaryCounts::Reason& r : c.reasons) {
    if (r.count == 0) r.code = o.reason;
    if (r.code == o.reason) {
      r.count += 1;
      return;
    }
  }
  c.other_reasons += 1;
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
  if (write_reasons(c, out, {" (", "", " ", ", "})) out.str(")");
  out.str(", TCP ").num(outcome(c, Outcome::kTcp));
  if (outcome(c, Outcome::kUnknown) > 0) {
    out.str(", unknown ").num(outcome(c, Outcome::kUnknown));
  }
}

namespace {

// One JSON line appended to `path`: a regular file or a new one, never a
// FIFO (which could hang the program's exit) or a device
// (base/output_file.h). One write with O_APPEND: lines of concurrent
// processes do not mix.
void append_line(const char* line, std::size_t length, const char* path, bool debug,
                 const char* program, long pid) {
  const OutputFile file = open_output_file(path, O_APPEND, 0644);
  const bool ok = file.fd >= 0 && write(file.fd, line, length) == static_cast<ssize_t>(length);
  const int error = file.fd >= 0 ? errno : file.error;
  if (file.fd >= 0) close(file.fd);
  if (ok || !debug) return;
  LogLine report(program, pid);
  report.str("cannot write the summary to ").str(path).str(": ");
  if (const char* kind = describe(file.refusal)) {
    report.str(kind).str(file.refusal == OutputRefusal::kOther ? "" : ", not a regular file");
  } else {
    report.error(error);
  }
  report.emit();
}

void write_json(const SummaryCounts& counts, const char* path, bool debug, const char* program,
                long pid) {
  char line[kSummaryJsonMax];
  append_line(line, summary_json(counts, pid, program, line), path, debug, program, pid);
}

}  // namespace

void write_untracked(long untracked, const Settings& settings, const char* program, long pid) {
  if (untracked <= 0) return;
  const int saved_errno = errno;
  if (settings.summary_file != nullptr) {
    char line[kSummaryJsonMax];
    TextWriter out(line, sizeof line);
    out.str("{\"pid\":").num(pid).str(",\"program\":\"").str(program).str("\",\"untracked\":");
    out.num(untracked).str("}\n");
    append_line(out.data(), out.size(), settings.summary_file, settings.debug, program, pid);
  }
  if (settings.summary || settings.debug) {
    LogLine(program, pid)
        .str("summary: ")
        .num(untracked)
        .str(untracked == 1 ? " process" : " processes")
        .str(" could not be tracked (out of descriptors): no summary for ")
        .str(untracked == 1 ? "it" : "them")
        .emit();
  }
  errno = saved_errno;
}

void write_summary(const SummaryCounts& counts, const Settings& settings, const char* program,
                   long pid) {
  const int saved_errno = errno;
  if (settings.summary_file != nullptr) {
    write_json(counts, settings.summary_file, settings.debug, program, pid);
  }
  if (settings.summary) {
    char text[512];
    TextWriter out(text, sizeof text);
    summary_text(counts, out);
    LogLine(program, pid).str("summary: ").str(out.data(), out.size()).emit();
  }
  errno = saved_errno;
}

}  // namespace smc
