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
// An empty variable (NAME=) is the same as an unset one, for every one of
// them and for smc_run's SMC_MECHANISM (find_setting): env files and
// container specs write NAME= for "not set".
// Parsing is pure (an envp array in, a struct out), so it can be tested.
// write_settings is its inverse, the one writer of these variables:
// smc_run builds PROGRAM's with it, so that what it writes and what the
// library reads cannot drift apart.
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

#include <cstddef>

#include "base/size.h"
#include "base/socket_conversion.h"
#include "base/connection_filter.h"

namespace smc {

struct BufferSetting {
  int bytes;            // 0: not set, or set to an invalid value
  const char* text;     // the raw value when set; points into envp (or
                        // into smc_run's own text, for its settings)
  SizeError error;      // why `text` was ignored, kNone if it was not
};

struct FamilySetting {
  Family family;     // kAuto when unset or invalid
  const char* text;  // the raw value when set and invalid, else nullptr
};

// "smc", "inet" or "auto", exactly; false for anything else.
bool parse_family(const char* text, Family* family);

// The name parse_family reads as `family`.
const char* family_name(Family family);

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
  // are never freed. nullptr-terminated. Where the settings were read
  // from, not a setting: write_settings does not write it.
  const char* carried[kMaxCarried + 1];
};

// Whether the settings ask what connections become at all: the -d lines
// or a summary.
inline bool wants_outcomes(const Settings& s) {
  return s.debug || s.summary || s.summary_file != nullptr;
}

// Whether the settings give the library work beyond making TCP sockets
// SMC, which the BPF hook does alone in the kernel: reports (wants_outcomes),
// buffer sizes, or AF_SMC asked for by name (the hook makes IPPROTO_SMC
// ones). Where none is asked, a tree the hook serves runs without the
// library, and so does not pay for loading it.
inline bool asks_library_beyond_conversion(const Settings& s) {
  return wants_outcomes(s) || s.sndbuf.bytes != 0 || s.rcvbuf.bytes != 0 ||
         s.family.family == Family::kSmc;
}

// A flag variable is on when it is set to anything but "" or "0", as in
// smc-tools, where SMC_DEBUG=0 means off. `secure`: secure-execution mode
// (see above); then `envp` is not read at all.
Settings read_settings(const char* const* envp, bool secure = false);

// Whether this process runs in secure-execution mode: getauxval(AT_SECURE).
bool secure_execution();

// The variables, one per setting, in the order write_settings writes them
// (that of smc_run's -d and -n lines).
enum class SettingsVariable : unsigned char {
  kRcvbuf,
  kSndbuf,
  kFamily,
  kSummary,
  kSummaryFile,
  kInclude,
  kExclude,
  kDebug,
  kStrict,
  kInherit,
};
inline constexpr int kSettingsVariables = 10;

// "SMC_RCVBUF", "SMC_SOCK_FAMILY"...
const char* variable_name(SettingsVariable variable);

// Some of the variables.
struct VariableSet {
  unsigned bits;

  constexpr VariableSet with(SettingsVariable v) const {
    return {bits | 1U << static_cast<unsigned>(v)};
  }
  constexpr bool has(SettingsVariable v) const {
    return (bits >> static_cast<unsigned>(v) & 1U) != 0;
  }
};
inline constexpr VariableSet kNoVariable{0};
inline constexpr VariableSet kEveryVariable{(1U << kSettingsVariables) - 1};

// Whether `a` and `b` hold the same value for `variable`, as the library
// and the supervisor act on it: the same bytes, flag, family, file, or
// rules (address, prefix, ports, in order); not merely the same spelling
// (64k is 65536, "10.0.0.1/8" is 10.0.0.0/8).
bool same_setting(SettingsVariable variable, const Settings& a, const Settings& b);

// same_setting for every variable.
bool same_settings(const Settings& a, const Settings& b);

// Room for write_settings' entries: an envp of its own.
struct SettingsEntries {
  const char* entry[kSettingsVariables + 1];  // "NAME=value", nullptr-ended
};

enum class WriteError : unsigned char {
  kNone,
  kNoRoom,   // `text` is too small; `needed` says what it takes
  kInvalid,  // a value no variable can carry (`invalid` says which): a
             // size, family or list that was read as invalid
};

struct WrittenSettings {
  WriteError error;
  std::size_t needed;         // bytes of `text` the entries take, NULs too
  SettingsVariable invalid;   // for kInvalid
};

// The inverse of read_settings: writes a "NAME=value" entry for each
// variable of `which` into `text` (`capacity` bytes) and lists them in
// `out`, so that read_settings(out->entry) gives `s`'s value of each of
// them (same_setting). Sizes are written in bytes, flags as 1 or 0, the
// family by name, the summary file as it is, lists as their rules' own
// text joined by commas (blanks and empty entries dropped). An unset size
// has no entry: being absent is how it is written; every other variable
// always has one, also for its default (SMC_DEBUG=0, SMC_SOCK_FAMILY=auto,
// an empty SMC_SUMMARY_FILE or list). After an error `out` lists no
// entry (out->entry[0] is nullptr); after kNoRoom, `needed` is the
// capacity to ask again with.
WrittenSettings write_settings(const Settings& s, VariableSet which, char* text,
                               std::size_t capacity, SettingsEntries* out);

// The value of `name` in envp, or nullptr. Async-signal-safe, unlike
// getenv() in some libcs.
const char* find_env(const char* const* envp, const char* name);

// The value of setting `name` in envp, or nullptr when it is unset or
// empty: the one rule for empty SMC_* variables (see the top).
const char* find_setting(const char* const* envp, const char* name);

// The whole "NAME=value" entry of `name` in envp, or nullptr.
const char* find_env_entry(const char* const* envp, const char* name);

// The value of the last `name` in envp, or nullptr: the LD_PRELOAD that
// glibc's loader uses when there are several (elf/rtld.c reads them all,
// each overriding the one before).
const char* find_env_last(const char* const* envp, const char* name);

}  // namespace smc
