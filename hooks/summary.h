// The exit summary (SMC_SUMMARY, SMC_SUMMARY_FILE): this process's counts
// of TCP sockets and of what their connections became, written at its
// exit in the forms of base/summary.h. Counting costs a few atomic adds.
#pragma once

#include "base/connection_outcome.h"
#include "base/socket_conversion.h"

namespace smc {

// A socket() call that makes a TCP socket, and the kind that made it
// SMC (converted) or not.
void count_socket(bool converted, SmcSocketKind kind);

// A connection's outcome, once known.
void count_outcome(const ConnectionOutcome& outcome);

// Called once at load with SMC_SUMMARY_FILE: a relative path is made
// absolute now, against the folder the program starts in, as smc_run does
// for --summary-file, so that a program changing folder writes where it
// was asked to.
void remember_summary_file(const char* path);

}  // namespace smc
