// The -d phrases for socket decisions, the same whichever mechanism
// decides: the library inside the program, or the seccomp supervisor on
// its behalf (which puts "seccomp: " before them). Each appends to a line
// (base/log_line.h) and does nothing on a disabled one.
//   socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, 0) = 5 -> IPPROTO_SMC, SO_SNDBUF 1048576
//   socket(AF_INET, SOCK_STREAM, 0) -> IPPROTO_SMC failed: EMFILE
//   SMC is not available here (IPPROTO_SMC: EPROTONOSUPPORT, AF_SMC: EAFNOSUPPORT); TCP sockets stay TCP
//   connect(5, 10.1.2.3:443): excluded by SMC_EXCLUDE 10.0.0.0/8 -> TCP (replaced the SMC socket)
#pragma once

#include "base/connection_filter.h"
#include "base/connection_outcome.h"
#include "base/connection_ruling.h"
#include "base/log_line.h"
#include "base/replace_socket.h"
#include "base/smc_socket.h"
#include "base/socket_conversion.h"

namespace smc {

// "IPPROTO_SMC" or "AF_SMC".
const char* socket_kind_name(SmcSocketKind kind);

// "socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0)"
void describe_call(LogLine& line, const SocketCall& call);

// " -> IPPROTO_SMC failed: EPROTONOSUPPORT, AF_SMC failed: EMFILE"
void describe_attempts(LogLine& line, const Attempts& attempts);

// "SMC is not available here (IPPROTO_SMC: ..., AF_SMC: ...); TCP sockets
// stay TCP": said once per process, at the first fallback.
void describe_missing(LogLine& line, const Attempts& attempts);

// ", SO_SNDBUF 65536", or ", SO_SNDBUF 65536 failed: EPERM"; nothing for a
// size not asked for.
void describe_buffer(LogLine& line, const AppliedBuffer& applied);

// " = 5 -> IPPROTO_SMC, SO_SNDBUF 65536": the socket the call got, what it
// is ("IPPROTO_SMC", "AF_SMC", "TCP") and the sizes applied to it.
void describe_made(LogLine& line, int fd, const char* what, const AppliedBuffers& sizes);

// " unchanged": a socket() call the conversion leaves alone.
void describe_unchanged(LogLine& line);

// ", TCP failed: EINVAL": under strict, the plain TCP call failed too.
void describe_plain_failure(LogLine& line, int error);

// " (strict: no TCP fallback)": SMC_STRICT failed the call (base/socket_ruling.h).
void describe_no_fallback(LogLine& line);

// "connect(5, 10.1.2.3:443): " or "listen(3) on 0.0.0.0:8080: "
void describe_filtered_call(LogLine& line, FilterSide side, int fd, const Endpoint& endpoint);

// "excluded by SMC_EXCLUDE 10.0.0.0/8", "not in SMC_INCLUDE", "no filter"...
void describe_decision(LogLine& line, const FilterDecision& decision);

// What a socket the filter leaves in place does: " -> TCP (not an SMC
// socket)" or " -> SMC". Nothing for a replaced one (describe_replacement
// says what became of it) or one the filter does not look at.
void describe_connection_ruling(LogLine& line, ConnectionRuling ruling);

// ": SMC-D", ": TCP fallback (PEERNOSMC, peer NOSMCDEV)", ": TCP (not an SMC
// socket)", ": unknown (SMC_DIAG does not show it; modprobe smc_diag)".
void describe_outcome(LogLine& line, const ConnectionOutcome& outcome);

// What became of an excluded SMC socket: " -> TCP (replaced the SMC
// socket)", with the options that did not come along, or " -> TCP failed:
// socket() EMFILE; connect fails".
void describe_replacement(LogLine& line, const Replacement& replacement, FilterSide side);

}  // namespace smc
