// The preload library's settings, read once from the environment at load:
//   SMC_SNDBUF, SMC_RCVBUF  buffer sizes for converted sockets (bytes, k, m)
//   SMC_DEBUG               one line per socket decision on stderr
//   SMC_STRICT              no TCP fallback when SMC sockets cannot be made
//   SMC_INHERIT=0           children whose environment lost LD_PRELOAD do
//                           not get it back (see hooks/child_env.h)
//   SMC_SOCK_FAMILY         how TCP sockets become SMC: smc (AF_SMC), inet
//                           (AF_INET/AF_INET6 with IPPROTO_SMC), or auto
//                           (the default: inet where the kernel has it)
//   SMC_SUMMARY             at exit, one line on stderr: sockets made and
//                           what their connections became
//   SMC_SUMMARY_FILE        append that summary to this file, as JSON
//   SMC_INCLUDE, SMC_EXCLUDE  the connection filter (base/connection_filter.h):
//                           comma-separated ADDR[/PREFIX][:PORT[-PORT]];
//                           a connection uses SMC when the include list is
//                           unset or empty or matches it, and the exclude
//                           list does not (exclude wins). Clients are
//                           matched at connect() by the peer's address,
//                           servers at listen() by their bound local one.
//                           Malformed entries are skipped (the launcher
//                           refuses them); an include list whose entries
//                           are all malformed includes nothing.
// Parsing is pure (an envp array in, a struct out), so it can be tested.
//
// Secure-execution mode (AT_SECURE, getauxval(3): a setuid, setgid or
// file-capability program, which the library reaches only when an
// administrator preloads it system-wide, e.g. /etc/ld.so.preload, as the
// loader ignores LD_PRELOAD paths there): the environment then comes from
// a less privileged caller, and every variable above is ignored, as if
// unset. Variable by variable, what the caller could otherwise do:
//   SMC_SUMMARY_FILE        create, or append to, any file the program
//                           may write (as root: anywhere)
//   SMC_DEBUG, SMC_SUMMARY  have the program write to a stderr the caller
//                           chose the peers, ports and outcomes of its
//                           connections, which are not the caller's to see
//   SMC_SNDBUF, SMC_RCVBUF  size its buffers (memory, throughput)
//   SMC_STRICT              make its socket() calls fail
//   SMC_SOCK_FAMILY         change what its sockets are (AF_SMC ones report
//                           SO_DOMAIN 43 to its own checks)
//   SMC_INCLUDE, SMC_EXCLUDE  choose which of its connections use SMC
//   SMC_INHERIT             (nothing is carried to children in this mode)
// None is harmless enough to keep, so the rule has no exceptions: the
// library converts with its defaults (auto, no filter, TCP fallback), as
// the administrator who preloaded it chose.
#pragma once

#include "base/size.h"
#include "base/socket_conversion.h"
#include "base/connection_filter.h"

namespace smc {

struct BufferSetting {
  int bytes;            // 0: not set, or set to an invalid value
  const char* text;     // the raw value when set; points into envp
  SizeError error;      // why `text` was ignored, kNone if it was not
};

struct FamilySetting {
  Family family;     // kAuto when unset or invalid
  const char* text;  // the raw value when set and invalid, else nullptr
};

// "smc", "inet" or "auto", exactly; false for anything else.
bool parse_family(const char* text, Family* family);

// The variables above that a child gets back when its environment lost
// them, as "NAME=value" entries of the environment at load.
inline constexpr int kMaxCarried = 9;

struct Settings {
  BufferSetting sndbuf;
  BufferSetting rcvbuf;
  bool debug;
  bool strict;
  bool inherit;  // on unless SMC_INHERIT=0
  FamilySetting family;
  bool summary;               // SMC_SUMMARY: the line on stderr
  const char* summary_file;   // nullptr when unset or empty
  RuleList include;  // SMC_INCLUDE
  RuleList exclude;  // SMC_EXCLUDE
  bool filter_active;  // either list asks anything (see filter_active())
  // Stable for the life of the process: the loader's environment strings
  // are never freed. nullptr-terminated.
  const char* carried[kMaxCarried + 1];
};

// Whether the settings ask what connections become at all: the -d lines
// or a summary.
inline bool wants_outcomes(const Settings& s) {
  return s.debug || s.summary || s.summary_file != nullptr;
}

// A flag variable is on when it is set to anything but "" or "0", as in
// smc-tools, where SMC_DEBUG=0 means off. `secure`: secure-execution mode
// (see above); then `envp` is not read at all.
Settings read_settings(const char* const* envp, bool secure = false);

// Whether this process runs in secure-execution mode: getauxval(AT_SECURE).
bool secure_execution();

// The value of `name` in envp, or nullptr. Async-signal-safe, unlike
// getenv() in some libcs.
const char* find_env(const char* const* envp, const char* name);

// The whole "NAME=value" entry of `name` in envp, or nullptr.
const char* find_env_entry(const char* const* envp, const char* name);

// The value of the last `name` in envp, or nullptr: the LD_PRELOAD that
// glibc's loader uses when there are several (elf/rtld.c reads them all,
// each overriding the one before).
const char* find_env_last(const char* const* envp, const char* name);

}  // namespace smc
